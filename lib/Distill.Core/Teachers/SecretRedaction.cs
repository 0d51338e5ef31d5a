using System.Text.RegularExpressions;

namespace Distill.Teachers;

/// <summary>
/// Removes API keys from text that is kept or shown: error messages, raw answers stored in the cache, exports
/// (issue 15: a 401 body echoing "sk-test-****6789" was cached and exported). Known secrets are replaced wherever they
/// occur; key-shaped strings (OpenAI <c>sk-…</c> keys, masked ones included, Bearer tokens, <c>api-key</c> and
/// <c>token=</c> values, 32-hex Azure keys) are replaced too, since a server may echo a key this process never had.
/// </summary>
internal static partial class SecretRedaction
{
    public const string Mask = "[REDACTED]";

    [GeneratedRegex(@"sk-[A-Za-z0-9_\-*.]{4,}", RegexOptions.CultureInvariant)]
    private static partial Regex OpenAIKey();

    [GeneratedRegex(@"(?i)(bearer\s+)[A-Za-z0-9._~+/=*\-]{8,}", RegexOptions.CultureInvariant)]
    private static partial Regex BearerToken();

    [GeneratedRegex(@"(?i)((?:api[-_ ]?key|apikey|token|secret|password)[""']?\s*[:=]\s*[""']?)[^\s""',;&}]{6,}", RegexOptions.CultureInvariant)]
    private static partial Regex NamedSecret();

    [GeneratedRegex(@"\b[0-9a-fA-F]{32}\b", RegexOptions.CultureInvariant)]
    private static partial Regex HexKey();

    /// <summary><paramref name="text"/> with <paramref name="secrets"/> and every key-shaped string masked; null stays null.</summary>
    public static string Redact(string text, params string?[] secrets) => RedactOrNull(text, secrets)!;

    /// <inheritdoc cref="Redact"/>
    public static string? RedactOrNull(string? text, params string?[] secrets)
    {
        if (string.IsNullOrEmpty(text)) return text;
        foreach (var secret in secrets)
            if (!string.IsNullOrEmpty(secret) && secret.Length >= 4)
                text = text.Replace(secret, Mask, StringComparison.Ordinal);
        text = OpenAIKey().Replace(text, Mask);
        text = BearerToken().Replace(text, m => m.Groups[1].Value + Mask);
        text = NamedSecret().Replace(text, m => m.Groups[1].Value + Mask);
        return HexKey().Replace(text, Mask);
    }
}
