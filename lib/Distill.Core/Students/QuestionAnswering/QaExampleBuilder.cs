using System.Globalization;
using Distill.Corpora;
using Distill.Teachers.QuestionAnswering;
using Distill.Teachers.QuestionGeneration;

namespace Distill.Students.QuestionAnswering;

/// <summary>
/// Turns validated pairs into student examples: the window is the pair's source quote with up to
/// <c>contextChars</c> characters of the note on each side (cut at word boundaries), so the evidence is always in view;
/// unanswerable pairs get a window at a seeded random place of their note. Yes/no answers become their class, numeric
/// answers the numeric class plus the value's span (the number's first occurrence inside the quote).
/// </summary>
public static class QaExampleBuilder
{
    public static IReadOnlyList<QaStudentExample> Build(IReadOnlyList<QaPair> pairs, IReadOnlyDictionary<string, Document> notes, int contextChars = 200, int seed = 19)
    {
        var random = new Random(seed);
        var examples = new List<QaStudentExample>();
        foreach (var pair in pairs)
        {
            if (!notes.TryGetValue(pair.NoteId, out var note))
                throw new InvalidDataException($"pair '{pair.Question}' names note '{pair.NoteId}', which is not among the notes.");
            var text = note.Text;
            if (QaPairTypes.IsNotAnswerable(pair.Type) || pair.SourceStart < 0)
            {
                var length = Math.Min(text.Length, 2 * contextChars + 80);
                var start = random.Next(0, Math.Max(1, text.Length - length + 1));
                var (ws, we) = WordBounds(text, start, start + length);
                examples.Add(new QaStudentExample(note.Id, pair.Question, text[ws..we], AnswerKind.NotAnswerable, null, -1, -1));
                continue;
            }
            var (from, to) = WordBounds(text, pair.SourceStart - contextChars, pair.SourceStart + pair.Source.Length + contextChars);
            var context = text[from..to];
            if (pair.Type == QaPairType.YesNo)
            {
                examples.Add(new QaStudentExample(note.Id, pair.Question, context, pair.Answer == "Yes" ? AnswerKind.Yes : AnswerKind.No, null, -1, -1));
                continue;
            }
            var value = QaPairParser.FirstNumber(pair.Answer)!.Value;
            var at = ValueOffset(pair.Source, value);
            var valueStart = at.Start < 0 ? -1 : pair.SourceStart - from + at.Start;
            examples.Add(new QaStudentExample(note.Id, pair.Question, context, AnswerKind.Numeric, value, valueStart, valueStart < 0 ? -1 : valueStart + at.Length));
        }
        return examples;
    }

    /// <summary>The first number in <paramref name="source"/> equal to <paramref name="value"/>: its offset and length ((-1, 0) when none).</summary>
    static (int Start, int Length) ValueOffset(string source, double value)
    {
        foreach (System.Text.RegularExpressions.Match m in System.Text.RegularExpressions.Regex.Matches(source, @"\d+(?:\.\d+)?"))
            if (double.TryParse(m.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && Math.Abs(v - Math.Abs(value)) < 1e-9)
                return (m.Index, m.Length);
        return (-1, 0);
    }

    /// <summary>[start, end) clamped to the text and widened to whole words.</summary>
    internal static (int Start, int End) WordBounds(string text, int start, int end)
    {
        start = Math.Clamp(start, 0, text.Length);
        end = Math.Clamp(end, start, text.Length);
        while (start > 0 && !char.IsWhiteSpace(text[start - 1])) start--;
        while (end < text.Length && !char.IsWhiteSpace(text[end])) end++;
        return (start, end);
    }
}
