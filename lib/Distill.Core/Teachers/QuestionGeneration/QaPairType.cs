using System.Text.Json.Serialization;

namespace Distill.Teachers.QuestionGeneration;

/// <summary>
/// The four question types of Woo et al.'s generation prompt (bbj-lab/clinical-synthetic-data-distil): per note 5 "Yes"
/// and 5 "No" <c>yes_no</c> questions, 10 <c>numeric</c> ones, and 5 each of <c>na-numeric</c> and <c>na-bool</c>, questions
/// the note cannot answer. The JSON names are theirs.
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<QaPairType>))]
public enum QaPairType
{
    /// <summary>Answered "Yes" or "No" by the note.</summary>
    [JsonStringEnumMemberName("yes_no")] YesNo,
    /// <summary>Answered by a number in the note (a lab value, a dose, a count).</summary>
    [JsonStringEnumMemberName("numeric")] Numeric,
    /// <summary>A numeric question the note cannot answer.</summary>
    [JsonStringEnumMemberName("na-numeric")] NaNumeric,
    /// <summary>A yes/no question the note cannot answer.</summary>
    [JsonStringEnumMemberName("na-bool")] NaBool,
}

/// <summary>Names and quotas of <see cref="QaPairType"/>.</summary>
public static class QaPairTypes
{
    /// <summary>The four types in the order tables list them.</summary>
    public static IReadOnlyList<QaPairType> All { get; } = [QaPairType.YesNo, QaPairType.Numeric, QaPairType.NaNumeric, QaPairType.NaBool];

    /// <summary>The JSON name of a type (<c>yes_no</c>, <c>numeric</c>, <c>na-numeric</c>, <c>na-bool</c>).</summary>
    public static string JsonName(QaPairType type) => type switch
    {
        QaPairType.YesNo => "yes_no",
        QaPairType.Numeric => "numeric",
        QaPairType.NaNumeric => "na-numeric",
        _ => "na-bool",
    };

    /// <summary>The type a JSON name names (case-insensitive, '-' and '_' alike), or null.</summary>
    public static QaPairType? Parse(string? name) => name?.Trim().ToLowerInvariant().Replace('_', '-') switch
    {
        "yes-no" or "yesno" or "bool" or "boolean" => QaPairType.YesNo,
        "numeric" or "number" => QaPairType.Numeric,
        "na-numeric" => QaPairType.NaNumeric,
        "na-bool" or "na-boolean" or "na-yes-no" => QaPairType.NaBool,
        _ => null,
    };

    /// <summary>Whether the note cannot answer questions of this type.</summary>
    public static bool IsNotAnswerable(QaPairType type) => type is QaPairType.NaNumeric or QaPairType.NaBool;

    /// <summary>How many pairs of each type the prompt asks for per note (Woo et al.: 10 yes/no, 10 numeric, 5 and 5 unanswerable).</summary>
    public static int Quota(QaPairType type) => type switch
    {
        QaPairType.YesNo => 10,
        QaPairType.Numeric => 10,
        _ => 5,
    };

    /// <summary>The answer the generator writes for a question the note cannot answer.</summary>
    public const string NotAnswerable = "N/A";
}
