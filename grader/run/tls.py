"""TLS between ``grade`` and a Dask scheduler: grading.yml's ``cluster.tls`` files as Dask's
``Security``, for every cluster that uses them (a scheduler at ``tls://``, ``--cluster ssh``)."""
from __future__ import annotations

from typing import Any

from grader.config import TlsFiles


def client_security(tls: TlsFiles) -> Any:
    """``grade``'s side: its certificate and key, the course's authority, and nothing unencrypted."""
    from distributed.security import Security

    return Security(tls_ca_file=str(tls.ca_file), tls_client_cert=str(tls.cert), tls_client_key=str(tls.key),
                    require_encryption=True)
