using System.Text.RegularExpressions;

namespace Distill.Teachers.QuestionGeneration;

/// <summary>
/// The fixed discharge-note sections a pair's <c>section</c> must name (Woo et al. ask for one of 11), and where they
/// start in a note whose headers are written as "Name:" at the start of a line.
/// </summary>
public static partial class NoteSections
{
    /// <summary>The 11 sections.</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        "Chief Complaint", "History of Present Illness", "Past Medical History", "Medications", "Allergies", "Social History",
        "Family History", "Physical Exam", "Pertinent Results", "Hospital Course", "Discharge Instructions",
    ];

    /// <summary>The section of <see cref="All"/> that <paramref name="name"/> names (case and spaces aside), or null.</summary>
    public static string? Canonical(string? name)
    {
        if (string.IsNullOrWhiteSpace(name)) return null;
        var key = Squash(name);
        return All.FirstOrDefault(s => Squash(s) == key);
    }

    static string Squash(string s) => new(s.Where(char.IsLetter).Select(char.ToLowerInvariant).ToArray());

    /// <summary>The section at <paramref name="offset"/> of <paramref name="text"/>: the last known header before it ("Hospital Course" when none).</summary>
    public static string At(string text, int offset)
    {
        string? found = null;
        foreach (Match m in Header().Matches(text))
        {
            if (m.Index > offset) break;
            found = Canonical(m.Groups["name"].Value) ?? found;
        }
        return found ?? "Hospital Course";
    }

    [GeneratedRegex(@"^(?<name>[A-Z][A-Za-z ]{2,40}):", RegexOptions.Multiline)]
    private static partial Regex Header();
}
