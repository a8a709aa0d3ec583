using Livepeer.Crypto;

namespace Livepeer.Grains.Tests.Crypto;

/// <summary>A fact that runs only where libsecp256k1 loads and is reported as skipped elsewhere (xunit 2 has no runtime skip).</summary>
public sealed class NativeSecp256k1FactAttribute : FactAttribute
{
    public NativeSecp256k1FactAttribute()
    {
        if (Secp256k1Backend.Native is null)
        {
            Skip = $"libsecp256k1 is not available: {Secp256k1Backend.NativeLoadFailure}";
        }
    }
}
