using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Livepeer.Silo.Hosting;

/// <summary>
/// go-livepeer's orchestrator certificate (<c>server/cert.go</c>; see shared spec: network.md §1): self-signed, an
/// ECDSA P-256 key, the service host as its subject alternative name, made at every start. Gateways do not verify it.
/// </summary>
internal static class ServiceCertificate
{
    public static X509Certificate2 Create(string host)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=" + host, key, HashAlgorithmName.SHA256);
        var san = new SubjectAlternativeNameBuilder();
        if (IPAddress.TryParse(host, out var ip))
            san.AddIpAddress(ip);
        else
            san.AddDnsName(host);
        request.CertificateExtensions.Add(san.Build());
        var now = DateTimeOffset.UtcNow;
        using var certificate = request.CreateSelfSigned(now.AddMinutes(-5), now.AddYears(1));
        // Kestrel on Linux needs the key in an exportable store form, not the ephemeral one CreateSelfSigned returns.
        return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pkcs12), null);
    }
}
