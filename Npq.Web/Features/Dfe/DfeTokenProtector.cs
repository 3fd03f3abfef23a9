using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Npq.Core.Dfe;

namespace Npq.Web.Features.Dfe;

/// <summary>Seals DfE bearer tokens with Data Protection (its own purpose), so the database never holds one in clear.</summary>
public sealed class DfeTokenProtector(IDataProtectionProvider provider) : IDfeTokenProtector
{
    private readonly IDataProtector _protector = provider.CreateProtector("Npq.Dfe.BearerToken.v1");

    public string Protect(string token) => _protector.Protect(token);

    public string? Unprotect(string protectedToken)
    {
        try
        {
            return _protector.Unprotect(protectedToken);
        }
        catch (CryptographicException)
        {
            return null;
        }
    }
}
