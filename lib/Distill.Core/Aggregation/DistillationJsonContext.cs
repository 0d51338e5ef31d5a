using System.Text.Json;
using System.Text.Json.Serialization;

namespace Distill.Aggregation;

/// <summary>
/// The System.Text.Json contract of the distillation hand-off files: <see cref="DistillationLine"/> (<c>train.jsonl</c>)
/// and <see cref="DistillationProvenance"/> (<c>train.provenance.json</c>), source-generated so writer and reader share
/// one set of names (snake_case) and rules: nulls are not written, numbers are never read from strings, a null where the
/// contract has a non-nullable member is an error (<c>RespectNullableAnnotations</c>).
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    RespectNullableAnnotations = true)]
[JsonSerializable(typeof(DistillationLine))]
[JsonSerializable(typeof(DistillationProvenance))]
public sealed partial class DistillationJsonContext : JsonSerializerContext
{
    /// <summary>The provenance file is read by people too: indented.</summary>
    // Built on first use: a static initializer here would run before the generated Default exists.
    public static DistillationJsonContext Indented => indented ??= new(new JsonSerializerOptions(Default.Options) { WriteIndented = true });

    static DistillationJsonContext? indented;
}
