namespace Livepeer.GatewayApi.Apis;

/// <summary>Stream names accepted in URLs: they become grain keys, playlist paths and file names.</summary>
public static class ManifestId
{
    public const int MaxLength = 128;

    public static bool IsValid(string value) =>
        value.Length is > 0 and <= MaxLength && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.') && value[0] != '.';
}
