"""A throwaway certificate authority and server certificate for the loopback emulator.

Microsoft's identity platform and Graph are only ever reached over https (msal refuses plain
http authorities), so the emulator serves them with a certificate for 127.0.0.1/localhost
signed by a CA made on the spot; clients trust that CA alone (``verify=ca_path``).
"""

from __future__ import annotations

import ipaddress
import pathlib
import ssl
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

_VALIDITY = timedelta(days=3650)
_BACKDATE = timedelta(days=1)  # tolerate a client clock slightly behind the host's


@dataclass(frozen=True)
class TlsMaterial:
    ca_path: pathlib.Path  # PEM: the CA certificate clients trust
    cert_path: pathlib.Path  # PEM: the server certificate (127.0.0.1, localhost)
    key_path: pathlib.Path  # PEM: the server's private key (unencrypted)

    def client_context(self) -> ssl.SSLContext:
        """An SSL context trusting only the emulator's CA (for httpx ``verify=``)."""
        return ssl.create_default_context(cafile=str(self.ca_path))

    def server_context(self) -> ssl.SSLContext:
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(str(self.cert_path), str(self.key_path))
        return context


def make_tls_material(directory: pathlib.Path) -> TlsMaterial:
    """Write ``ca.pem``, ``server.pem`` and ``server-key.pem`` into ``directory``.

    Certificates are dated by the host's real time, not a virtual clock: TLS libraries check
    them against the real time.
    """
    directory.mkdir(parents=True, exist_ok=True)
    not_before = datetime.now(UTC) - _BACKDATE
    not_after = not_before + _VALIDITY

    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca_name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "interview-followup emulator CA")])
    ca_cert = (
        x509.CertificateBuilder()
        .subject_name(ca_name)
        .issuer_name(ca_name)
        .public_key(ca_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(not_before)
        .not_valid_after(not_after)
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True, content_commitment=False, key_encipherment=False,
                data_encipherment=False, key_agreement=False, key_cert_sign=True,
                crl_sign=True, encipher_only=False, decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(ca_key.public_key()),
                       critical=False)
        .sign(ca_key, hashes.SHA256())
    )

    server_key = ec.generate_private_key(ec.SECP256R1())
    server_cert = (
        x509.CertificateBuilder()
        .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "localhost")]))
        .issuer_name(ca_name)
        .public_key(server_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(not_before)
        .not_valid_after(not_after)
        .add_extension(
            x509.SubjectAlternativeName([
                x509.DNSName("localhost"),
                x509.IPAddress(ipaddress.IPv4Address("127.0.0.1")),
            ]),
            critical=False,
        )
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True, content_commitment=False, key_encipherment=True,
                data_encipherment=False, key_agreement=False, key_cert_sign=False,
                crl_sign=False, encipher_only=False, decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()),
            critical=False,
        )
        .sign(ca_key, hashes.SHA256())
    )

    material = TlsMaterial(
        ca_path=directory / "ca.pem",
        cert_path=directory / "server.pem",
        key_path=directory / "server-key.pem",
    )
    material.ca_path.write_bytes(ca_cert.public_bytes(serialization.Encoding.PEM))
    material.cert_path.write_bytes(server_cert.public_bytes(serialization.Encoding.PEM))
    material.key_path.write_bytes(
        server_key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    material.key_path.chmod(0o600)
    return material
