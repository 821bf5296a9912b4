"""The sandbox: the only place student code runs, and the oracle's way to reach it.

``zygote`` (the fork server and the worker processes), ``_isolate`` (namespaces, covers, the
submission's own uid, limits), ``_worker`` (the request loop inside the sandbox), ``codec``
(JSON frames, never pickle), ``proxy`` (the oracle's side: ``Worker``, ``Handle``, ``Submission``),
``uids`` and ``permissions`` (a uid per submission; hiding the course without namespaces),
``procs`` and ``waits`` (process bookkeeping).

Kept empty on purpose: the worker imports ``grader.sandbox._worker`` and must not pay for more.
"""
