using Livepeer.Crypto;

namespace Livepeer.Ethereum;

/// <summary>
/// Loads the node's account as go-livepeer's <c>-ethKeystorePath</c> and <c>-ethPassword</c> do. Neither the password
/// nor the key ever reaches a message: errors name only paths and the keystore's own public fields.
/// </summary>
public static class KeystoreAccount
{
    /// <param name="keystorePath">A keystore file, or a directory holding exactly one keystore file.</param>
    /// <param name="password">A file whose first line is the password, or the password itself.</param>
    /// <exception cref="KeystoreException">The keystore cannot be found, read or decrypted.</exception>
    public static EthKey Load(string keystorePath, string password)
    {
        var file = KeystoreFile(keystorePath);
        var secret = File.Exists(password) ? EncryptedKeystore.ReadPasswordFile(password) : password;
        try
        {
            return EncryptedKeystore.Decrypt(File.ReadAllText(file), secret);
        }
        catch (KeystoreException e)
        {
            throw new KeystoreException(e.Kind, $"{file}: {e.Message}", e);
        }
    }

    private static string KeystoreFile(string path)
    {
        if (File.Exists(path))
        {
            return path;
        }

        if (!Directory.Exists(path))
        {
            throw new KeystoreException(KeystoreErrorKind.Malformed, $"ethKeystorePath '{path}' is neither a file nor a directory");
        }

        var files = Directory.GetFiles(path).Where(f => !Path.GetFileName(f).StartsWith('.')).ToArray();
        return files.Length == 1
            ? files[0]
            : throw new KeystoreException(KeystoreErrorKind.Malformed,
                $"ethKeystorePath '{path}' must hold exactly one keystore file, found {files.Length}: give the file's path");
    }
}
