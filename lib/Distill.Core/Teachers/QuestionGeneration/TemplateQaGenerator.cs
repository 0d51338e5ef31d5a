using System.Globalization;
using System.Text.RegularExpressions;
using Distill.Corpora;
using Distill.Teachers.Dictionary;

namespace Distill.Teachers.QuestionGeneration;

/// <summary>
/// The keyless QA generator (issue 19): NOT a language model. It fills fixed question templates from what the offline
/// dictionary teacher finds in a note (Disease Ontology, Symptom Ontology and DrugBank mentions) and from lab-value
/// patterns (<see cref="LabTests"/>), so the study runs with no key; every pair it writes says
/// <see cref="QaGeneratorKind.Template"/> and <see cref="GeneratorName"/>.
/// <list type="bullet">
/// <item><c>yes_no</c>: "Does the patient have X?" / "Is the patient taking X?" for a mention; "No" when a negation cue
/// ("denies", "no", "without", "negative for") comes before it in its sentence, else "Yes"; the sentence is the source.</item>
/// <item><c>numeric</c>: "What is the patient's T value?" for each lab value found; the value is the answer.</item>
/// <item><c>na-numeric</c>, <c>na-bool</c>: the same templates for labs and conditions of a fixed list that the note never names.</item>
/// </list>
/// Quotas follow the LLM prompt (5 Yes, 5 No, 10 numeric, 5 and 5 unanswerable), chosen with a seeded shuffle;
/// difficulty is a fixed rule (2 plain, 4 negated, 3 numeric, 5 unanswerable), not a judgement.
/// </summary>
public sealed partial class TemplateQaGenerator(DictionaryTeacher dictionary, int seed = 19) : IQaGenerator
{
    public const string GeneratorName = "template-generator";

    /// <summary>Conditions asked about when the note does not mention them (na-bool questions).</summary>
    public static IReadOnlyList<string> AbsentConditionCandidates { get; } =
    [
        "lupus", "multiple sclerosis", "tuberculosis", "sickle cell disease", "cystic fibrosis", "Parkinson disease", "psoriasis",
        "epilepsy", "hepatitis C", "glaucoma", "gout", "osteoporosis", "anemia", "stroke", "breast cancer", "HIV",
    ];

    static readonly string[] NegationCues = ["denies", "denied", "no", "not", "without", "negative for", "no history of", "never"];

    public string Name => GeneratorName;
    public QaGeneratorKind Kind => QaGeneratorKind.Template;

    public async Task<QaGeneration> GenerateAsync(Document note, CancellationToken cancellationToken = default)
    {
        var random = new Random(HashCode.Combine(seed, StableHash(note.Id)));
        var sentences = SentenceSplitter.Default.Split(note.Text);
        Sentence SentenceAt(int offset) => sentences.FirstOrDefault(s => s.Start <= offset && offset < s.End) is { Length: > 0 } s ? s : new Sentence(offset, offset, "");

        var yes = new List<QaCandidate>();
        var no = new List<QaCandidate>();
        foreach (var type in new[] { EntityTypes.Disease, EntityTypes.Symptom, EntityTypes.Medication })
        {
            if (!dictionary.Supports(type)) continue;
            var labeling = await dictionary.LabelAsync(note, type, cancellationToken).ConfigureAwait(false);
            foreach (var span in labeling.Spans)
            {
                var sentence = SentenceAt(span.Start);
                if (sentence.Length == 0) continue;
                var before = note.Text[sentence.Start..span.Start];
                var cue = NegationCues.FirstOrDefault(c => Regex.IsMatch(before, $@"\b{Regex.Escape(c)}\b", RegexOptions.IgnoreCase));
                var question = type switch
                {
                    EntityTypes.Medication => $"Is the patient taking {span.Text}?",
                    EntityTypes.Symptom => $"Does the patient report {span.Text}?",
                    _ => $"Does the patient have {span.Text}?",
                };
                var section = NoteSections.At(note.Text, span.Start);
                var explanation = cue is null
                    ? $"Template: '{span.Text}' ({type}, dictionary teacher) is stated in the {section} section."
                    : $"Template: '{span.Text}' ({type}, dictionary teacher) follows the negation cue '{cue}' in its sentence.";
                (cue is null ? yes : no).Add(new QaCandidate(question, "yes_no", cue is null ? "Yes" : "No", section, sentence.Text.Trim(),
                    (cue is null ? 2 : 4).ToString(CultureInfo.InvariantCulture), explanation));
            }
        }

        var labs = LabTests.Find(note.Text);
        var numeric = labs.Select(lab =>
        {
            var sentence = SentenceAt(lab.MentionStart);
            var source = sentence.Length > 0 ? sentence.Text.Trim() : note.Text[lab.MentionStart..lab.MentionEnd];
            return new QaCandidate($"What is the patient's {lab.Test.Name} value?", "numeric", lab.ValueText, NoteSections.At(note.Text, lab.MentionStart), source, "3",
                $"Template: lab-value pattern '{note.Text[lab.MentionStart..lab.MentionEnd]}' ({lab.Test.Unit}).");
        }).ToList();

        var namedLabs = labs.Select(l => l.Test).ToHashSet();
        var naNumeric = LabTests.All.Where(t => !namedLabs.Contains(t) && !t.Aliases.Any(a => Mentions(note.Text, a)))
            .Select(t => new QaCandidate($"What is the patient's {t.Name} value?", "na-numeric", QaPairTypes.NotAnswerable, "Pertinent Results", "", "5",
                $"Template: the note reports no {t.Name}."))
            .ToList();
        var naBool = AbsentConditionCandidates.Where(c => !Mentions(note.Text, c))
            .Select(c => new QaCandidate($"Does the patient have {c}?", "na-bool", QaPairTypes.NotAnswerable, "Past Medical History", "", "5",
                $"Template: the note never mentions {c}, so it cannot say."))
            .ToList();

        var candidates = new List<QaCandidate?>();
        candidates.AddRange(Pick(Distinct(yes), 5, random));
        candidates.AddRange(Pick(Distinct(no), 5, random));
        candidates.AddRange(Pick(Distinct(numeric), QaPairTypes.Quota(QaPairType.Numeric), random));
        candidates.AddRange(Pick(naNumeric, QaPairTypes.Quota(QaPairType.NaNumeric), random));
        candidates.AddRange(Pick(naBool, QaPairTypes.Quota(QaPairType.NaBool), random));
        return new QaGeneration(note.Id, Name, Kind, candidates, 0, 0, 0m, false, null);
    }

    /// <summary>One candidate per question (the first), so a repeated mention is not a rejected duplicate.</summary>
    static List<QaCandidate> Distinct(List<QaCandidate> candidates) =>
        candidates.GroupBy(c => QaPairValidator.QuestionKey(c.Question!)).Select(g => g.First()).ToList();

    static IEnumerable<QaCandidate> Pick(List<QaCandidate> candidates, int count, Random random)
    {
        var shuffled = candidates.ToArray();
        random.Shuffle(shuffled);
        return shuffled.Take(count);
    }

    static bool Mentions(string text, string term) =>
        Regex.IsMatch(text, $@"\b{Regex.Escape(term)}\b", term.Length <= 3 ? RegexOptions.None : RegexOptions.IgnoreCase);

    /// <summary>A hash of the note id that is the same in every process (string.GetHashCode is randomised per process).</summary>
    static int StableHash(string text)
    {
        unchecked
        {
            var hash = 17;
            foreach (var ch in text) hash = hash * 31 + ch;
            return hash;
        }
    }
}
