using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Distill.Corpora;

namespace Distill.Teachers.QuestionGeneration;

/// <summary>
/// Checks every generated pair against its note (issue 19), keeping only pairs a student can learn from honestly:
/// the type parses; the section is one of <see cref="NoteSections.All"/>; <c>source</c> is an exact quote from the note
/// (runs of whitespace may differ, as chat models re-wrap lines; the stored quote is the note's own text); the answer
/// fits the type (Yes/No, a number that also occurs in the quote, or "N/A"); difficulty is 1-10; and no question repeats
/// for the note. Each rejected pair is kept with its <see cref="QaRejectionReason"/>.
/// </summary>
public static class QaPairValidator
{
    static readonly string[] NotAnswerableWords = ["n/a", "na", "not answerable", "unanswerable", "unknown", "not available", "not stated", "not mentioned", "cannot be determined", "cannot be answered", "none"];

    public static QaValidation Validate(Document note, IEnumerable<QaCandidate?> candidates, string generator, QaGeneratorKind kind)
    {
        var kept = new List<QaPair>();
        var rejected = new List<RejectedQaPair>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var candidate in candidates)
        {
            var (pair, reason, detail) = Check(note, candidate, generator, kind);
            if (pair is { Question: var question } && !seen.Add(QuestionKey(question)))
                (pair, reason, detail) = (null, QaRejectionReason.Duplicate, $"'{question}' was already asked");
            if (pair is null) rejected.Add(new RejectedQaPair(note.Id, candidate, reason, detail));
            else kept.Add(pair);
        }
        return new QaValidation(kept, rejected);
    }

    static (QaPair? Pair, QaRejectionReason Reason, string Detail) Check(Document note, QaCandidate? c, string generator, QaGeneratorKind kind)
    {
        if (c is null) return (null, QaRejectionReason.NotAnObject, "list item is not a JSON object");
        if (string.IsNullOrWhiteSpace(c.Question) || string.IsNullOrWhiteSpace(c.Answer))
            return (null, QaRejectionReason.MissingField, string.IsNullOrWhiteSpace(c.Question) ? "no question" : "no answer");
        if (QaPairTypes.Parse(c.Type) is not { } type) return (null, QaRejectionReason.UnknownType, $"type '{c.Type}'");
        if (NoteSections.Canonical(c.Section) is not { } section) return (null, QaRejectionReason.UnknownSection, $"section '{c.Section}'");
        if (!int.TryParse(c.Difficulty?.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var difficulty) || difficulty is < 1 or > 10)
            return (null, QaRejectionReason.BadDifficulty, $"difficulty '{c.Difficulty}'");

        var source = c.Source?.Trim() ?? "";
        var unanswerable = QaPairTypes.IsNotAnswerable(type);
        var start = -1;
        if (source.Length > 0)
        {
            (start, source) = Locate(note.Text, source);
            if (start < 0) return (null, QaRejectionReason.SourceNotInNote, $"'{Clip(c.Source!)}' is not in the note");
        }
        else if (!unanswerable) return (null, QaRejectionReason.SourceNotInNote, "no source quote");

        var answer = c.Answer.Trim();
        switch (type)
        {
            case QaPairType.YesNo:
                var word = answer.TrimEnd('.', '!').Trim().ToLowerInvariant();
                if (word is not ("yes" or "no")) return (null, QaRejectionReason.AnswerInconsistent, $"yes_no answer '{Clip(answer)}'");
                answer = word == "yes" ? "Yes" : "No";
                break;
            case QaPairType.Numeric:
                if (QaPairParser.FirstNumber(answer) is not { } value) return (null, QaRejectionReason.AnswerInconsistent, $"numeric answer '{Clip(answer)}' has no number");
                if (!ContainsNumber(source, value)) return (null, QaRejectionReason.ValueNotInSource, $"{value.ToString(CultureInfo.InvariantCulture)} is not in '{Clip(source)}'");
                break;
            default:
                if (!NotAnswerableWords.Contains(answer.TrimEnd('.').Trim().ToLowerInvariant()))
                    return (null, QaRejectionReason.AnswerInconsistent, $"{QaPairTypes.JsonName(type)} answer '{Clip(answer)}' is not N/A");
                answer = QaPairTypes.NotAnswerable;
                break;
        }
        return (new QaPair(note.Id, c.Question.Trim(), type, answer, section, source, start, difficulty, c.Explanation?.Trim() ?? "", generator, kind), default, "");
    }

    /// <summary>Where <paramref name="quote"/> is in <paramref name="text"/>: exactly, else with any whitespace run matching any other; (-1, quote) when absent.</summary>
    internal static (int Start, string Quote) Locate(string text, string quote)
    {
        var exact = text.IndexOf(quote, StringComparison.Ordinal);
        if (exact >= 0) return (exact, quote);
        var words = quote.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (words.Length == 0) return (-1, quote);
        var pattern = string.Join(@"\s+", words.Select(Regex.Escape));
        var match = Regex.Match(text, pattern, RegexOptions.None, TimeSpan.FromSeconds(1));
        return match.Success ? (match.Index, match.Value) : (-1, quote);
    }

    /// <summary>Whether a number equal to <paramref name="value"/> is written in <paramref name="text"/>.</summary>
    static bool ContainsNumber(string text, double value) =>
        Regex.Matches(text, @"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+")
            .Any(m => double.TryParse(m.Value.Replace(",", ""), NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && Math.Abs(Math.Abs(value) - v) < 1e-9);

    /// <summary>A question as duplicates are compared: lower case, letters and digits only, single spaces.</summary>
    internal static string QuestionKey(string question)
    {
        var builder = new StringBuilder(question.Length);
        foreach (var ch in question.ToLowerInvariant())
            if (char.IsLetterOrDigit(ch)) builder.Append(ch);
            else if (builder.Length > 0 && builder[^1] != ' ') builder.Append(' ');
        return builder.ToString().Trim();
    }

    static string Clip(string text) => text.Length <= 60 ? text : text[..60] + "...";
}
