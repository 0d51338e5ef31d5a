using System.Globalization;
using System.Text.RegularExpressions;

namespace Distill.Teachers.QuestionGeneration;

/// <summary>A laboratory test the template generator and the cohort criteria know: its name in questions, the names notes write, its usual unit.</summary>
public sealed record LabTest(string Name, IReadOnlyList<string> Aliases, string Unit);

/// <summary>A lab value found in a note: which test, the number, where the number is.</summary>
public sealed record LabValueMention(LabTest Test, double Value, string ValueText, int ValueStart, int MentionStart, int MentionEnd);

/// <summary>
/// The lab-value patterns of the keyless template generator (issue 19: HbA1c, creatinine, potassium, ...): a test's name,
/// optionally "of", "was", "is", ":" or "level", then a number. One catalog for the generator and for the n2c2 criteria.
/// </summary>
public static class LabTests
{
    public static readonly LabTest HbA1c = new("HbA1c", ["HbA1c", "hemoglobin A1c", "A1c", "glycated hemoglobin"], "%");
    public static readonly LabTest Creatinine = new("creatinine", ["creatinine", "Cr"], "mg/dL");
    public static readonly LabTest Potassium = new("potassium", ["potassium", "K"], "mmol/L");

    public static IReadOnlyList<LabTest> All { get; } =
    [
        HbA1c, Creatinine, Potassium,
        new("sodium", ["sodium", "Na"], "mmol/L"),
        new("glucose", ["glucose", "blood sugar"], "mg/dL"),
        new("hemoglobin", ["hemoglobin", "Hgb"], "g/dL"),
        new("troponin", ["troponin"], "ng/mL"),
        new("BNP", ["BNP", "brain natriuretic peptide"], "pg/mL"),
        new("bicarbonate", ["bicarbonate", "HCO3"], "mmol/L"),
        new("white blood cell count", ["white blood cell count", "WBC"], "K/uL"),
        new("LDL cholesterol", ["LDL cholesterol", "LDL"], "mg/dL"),
        new("ejection fraction", ["ejection fraction", "EF"], "%"),
        new("TSH", ["TSH"], "mIU/L"),
        new("platelet count", ["platelet count", "platelets"], "K/uL"),
    ];

    static readonly Lazy<(Regex Pattern, Dictionary<string, LabTest> ByAlias)> Matcher = new(() =>
    {
        var byAlias = new Dictionary<string, LabTest>(StringComparer.OrdinalIgnoreCase);
        foreach (var test in All)
            foreach (var alias in test.Aliases)
                byAlias.TryAdd(alias, test);
        // Longest alias first, so "hemoglobin A1c" wins over "hemoglobin"; short upper-case aliases (K, Na, Cr) match case-sensitively.
        var names = byAlias.Keys.OrderByDescending(a => a.Length).Select(a => a.Length <= 3 ? $"(?-i:{Regex.Escape(a)})" : Regex.Escape(a));
        var pattern = new Regex($@"\b(?<name>{string.Join("|", names)})\b(?:\s+level)?(?:\s+(?:of|was|is|at|=)|\s*:)?\s*(?<value>\d+(?:\.\d+)?)",
            RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(2));
        return (pattern, byAlias);
    });

    /// <summary>Every lab value written in <paramref name="text"/>, in order.</summary>
    public static IReadOnlyList<LabValueMention> Find(string text)
    {
        var (pattern, byAlias) = Matcher.Value;
        var found = new List<LabValueMention>();
        foreach (Match m in pattern.Matches(text))
        {
            var value = m.Groups["value"];
            if (!byAlias.TryGetValue(m.Groups["name"].Value, out var test)) continue;
            found.Add(new LabValueMention(test, double.Parse(value.Value, CultureInfo.InvariantCulture), value.Value, value.Index, m.Index, m.Index + m.Length));
        }
        return found;
    }
}
