"""Kits: what an assignment type needs beyond the engine (grading.yml's ``kit`` names one).

The engine (config, submissions, run, oracle, sandbox, results, reporters) knows no assignment.
A kit brings worker operations (run inside the sandbox on the student's objects), trusted helper
processes, data sets, and the helpers its hidden tests use.
"""
