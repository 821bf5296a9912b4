"""The trusted pytest process that runs the hidden suites: the plugin (``submission`` fixture,
outcome records), the checks hidden tests use (``checks``), each assignment's references
(``references``)."""
