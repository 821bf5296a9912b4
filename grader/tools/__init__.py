"""Commands for the course's staff beside grading: ``grade audit`` (``audit``, ``mutate``),
``grade make-notebooks``, ``grade gradescope-zip``."""
