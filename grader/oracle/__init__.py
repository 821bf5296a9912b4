"""The trusted pytest process that runs the hidden suites: the plugin (``submission`` fixture,
outcome records), the hidden suites' path to :mod:`grader.checks` (``checks``), each assignment's
references (``references``)."""
