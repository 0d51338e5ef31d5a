using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Distill.Teachers.Cache;

/// <summary>
/// The cache key of a teacher call: SHA-256 (hex) of the teacher name, model, prompt template hash, parameters
/// JSON, document text hash and entity type. Changing any of them is a different call.
/// </summary>
internal static class CacheKey
{
    public static string Compute(string teacher, TeacherFingerprint fingerprint, string documentHash, string entityType) =>
        Sha256Hex(JsonSerializer.Serialize(new[]
        {
            teacher, fingerprint.Model, fingerprint.PromptTemplateHash, fingerprint.ParametersJson, documentHash, entityType,
        }));

    /// <summary>SHA-256 of a document's text (UTF-8), hex.</summary>
    public static string DocumentHash(string text) => Sha256Hex(text);

    public static string Sha256Hex(string text) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
