"""The emulator's certificates: a CA and a server certificate for 127.0.0.1 and localhost."""

from __future__ import annotations

import ipaddress
from pathlib import Path

from cryptography import x509

from providers.emulator.tls import make_tls_material


def test_the_server_certificate_names_loopback_and_is_signed_by_the_ca(tmp_path: Path) -> None:
    material = make_tls_material(tmp_path / "tls")
    ca = x509.load_pem_x509_certificate(material.ca_path.read_bytes())
    server = x509.load_pem_x509_certificate(material.cert_path.read_bytes())
    names = server.extensions.get_extension_for_class(x509.SubjectAlternativeName).value
    assert names.get_values_for_type(x509.DNSName) == ["localhost"]
    assert names.get_values_for_type(x509.IPAddress) == [ipaddress.IPv4Address("127.0.0.1")]
    server.verify_directly_issued_by(ca)
    assert ca.extensions.get_extension_for_class(x509.BasicConstraints).value.ca is True
    assert material.key_path.stat().st_mode & 0o077 == 0
    material.server_context()  # the key matches the certificate
    material.client_context()
