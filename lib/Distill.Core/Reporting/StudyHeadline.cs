using System.Globalization;
using Distill.Evaluation;

namespace Distill.Reporting;

/// <summary>One line of the study's headline table for one entity type.</summary>
/// <param name="EntityType">The entity type (disease, medication, symptom).</param>
/// <param name="Role">best single teacher, teacher combination, distilled student, human-label student, or a published figure.</param>
/// <param name="System">The system's name in the score tables (or the published system).</param>
/// <param name="F1">Token-level F1 (null for published figures, which are not on these notes).</param>
/// <param name="F1Lower">Lower end of the 95% bootstrap interval.</param>
/// <param name="F1Upper">Upper end of the 95% bootstrap interval.</param>
/// <param name="StrictF1">Entity-level strict F1.</param>
/// <param name="SecondsPerNote">Seconds per note, measured here or as published.</param>
/// <param name="CostPerNoteUsd">US dollars per note, measured here or as published.</param>
/// <param name="Measured">False for a figure published by the reference study and not measured here.</param>
public sealed record HeadlineRow(string EntityType, string Role, string System, double? F1, double? F1Lower, double? F1Upper,
    double? StrictF1, double? SecondsPerNote, double? CostPerNoteUsd, bool Measured);

/// <summary>
/// The study's result in the reference study's shape, per entity type: the best single teacher, the chosen
/// teacher combination, the distilled student and (when trained) the human-label student, with token F1 and
/// its interval, strict F1, seconds and dollars per note; then the reference study's published GPT-4o and
/// student figures, marked as not measured here. <see cref="Sentences"/> say, from the run's own numbers,
/// whether the student beat its teachers, by how much, and how much faster and cheaper it is.
/// </summary>
public sealed record StudyHeadline(IReadOnlyList<HeadlineRow> Rows, IReadOnlyList<string> Sentences)
{
    public const string BestTeacherRole = "best single teacher";
    public const string CombinationRole = "teacher combination";
    public const string DistilledRole = "distilled student";
    public const string GoldRole = "human-label student";
    public const string PublishedRole = "published, not measured here";

    /// <summary>Builds the headline of a study run's report (systems named as <see cref="StudySystemNames"/> says).</summary>
    public static StudyHeadline From(RunReportResult report)
    {
        var rows = new List<HeadlineRow>();
        var sentences = new List<string>();
        var costs = report.Costs.ToDictionary(c => c.System);
        ScoreRow? Score(string system, string type, string mode = "token") =>
            report.Scores.FirstOrDefault(s => s.System == system && s.Type == type && s.Mode == mode);
        HeadlineRow Row(string type, string role, string system)
        {
            var token = Score(system, type)!;
            costs.TryGetValue(system, out var cost);
            return new HeadlineRow(type, role, system, token.F1, token.F1Lower, token.F1Upper, Score(system, type, "strict")?.F1,
                cost?.SecondsPerNote, cost?.CostPerNoteUsd, Measured: true);
        }

        foreach (var type in report.Types)
        {
            var teachers = report.Scores.Where(s => s.Mode == "token" && s.Type == type && StudySystemNames.IsTeacher(s.System)).ToArray();
            var best = teachers.OrderByDescending(s => s.F1).ThenBy(s => s.System, StringComparer.Ordinal).FirstOrDefault();
            HeadlineRow? bestRow = best is null ? null : Row(type, BestTeacherRole, best.System);
            HeadlineRow? combination = Score(StudySystemNames.Combination, type) is null ? null : Row(type, CombinationRole, StudySystemNames.Combination);
            HeadlineRow? student = Score(StudySystemNames.DistilledStudent, type) is null ? null : Row(type, DistilledRole, StudySystemNames.DistilledStudent);
            HeadlineRow? gold = Score(StudySystemNames.GoldStudent, type) is null ? null : Row(type, GoldRole, StudySystemNames.GoldStudent);
            rows.AddRange(new[] { bestRow, combination, student, gold }.OfType<HeadlineRow>());
            if (student is not null) sentences.AddRange(Verdict(type, student, combination, bestRow, gold, report.PairedTests, report.Types.Count));
        }
        foreach (var figure in PublishedFigure.ReferenceStudyFigures)
            rows.Add(new HeadlineRow("", PublishedRole, $"{figure.System}, {figure.Source}", null, null, null, null, figure.SecondsPerNote, figure.CostPerNoteUsd, Measured: false));
        if (rows.FirstOrDefault(r => r.Role == DistilledRole) is { SecondsPerNote: > 0 } measured)
            sentences.Add(AgainstPublished(measured));
        return new StudyHeadline(rows, sentences);
    }

    static IEnumerable<string> Verdict(string type, HeadlineRow student, HeadlineRow? combination, HeadlineRow? best, HeadlineRow? gold,
        IReadOnlyList<PairedTestRow> paired, int typeCount)
    {
        var text = $"{type}: the distilled student reaches token F1 {F(student.F1)} (95% CI {F(student.F1Lower)}–{F(student.F1Upper)})";
        var comparisons = new List<string>();
        if (combination is not null)
        {
            var difference = student.F1!.Value - combination.F1!.Value;
            var comparison = $"{Signed(difference)} the teacher combination it learned from ({F(combination.F1)})";
            // The paired test is on the micro average, which is this type's score when the run has one type.
            var test = typeCount == 1 ? paired.FirstOrDefault(p => p.SystemA == StudySystemNames.Combination && p.SystemB == StudySystemNames.DistilledStudent && p.Mode == "token") : null;
            if (test is not null)
                comparison += $"; paired bootstrap difference {F(-test.Difference)}, 95% CI {F(-test.DifferenceUpper)} to {F(-test.DifferenceLower)}, " +
                              (test.DifferenceLower > 0 || test.DifferenceUpper < 0 ? "significant" : "not significant");
            comparisons.Add(comparison);
        }
        if (best is not null) comparisons.Add($"{Signed(student.F1!.Value - best.F1!.Value)} the best single teacher ({best.System}, {F(best.F1)})");
        if (comparisons.Count > 0) text += ", " + string.Join(", and ", comparisons);
        yield return text + ".";
        if (combination?.SecondsPerNote is > 0 && student.SecondsPerNote is > 0)
            yield return $"{type}: the student labels a note in {S(student.SecondsPerNote)} here, {Times(combination.SecondsPerNote.Value / student.SecondsPerNote.Value, "faster", "slower")} than running its teachers ({S(combination.SecondsPerNote)})" +
                         (student.CostPerNoteUsd is > 0 ? $", for {D(student.CostPerNoteUsd)} per note at the assumed machine price" : "") + ".";
        if (gold is not null)
            yield return $"{type}: the student trained on human labels reaches {F(gold.F1)} (95% CI {F(gold.F1Lower)}–{F(gold.F1Upper)}); distillation recovers {student.F1 / gold.F1:P0} of it with no human label.";
    }

    static string AgainstPublished(HeadlineRow student)
    {
        var gpt4o = PublishedFigure.ReferenceStudyFigures[0];
        var text = $"Against the reference study's published {gpt4o.System} figures ({S(gpt4o.SecondsPerNote)}, {D(gpt4o.CostPerNoteUsd)} per note; not measured here), " +
                   $"the student is {Times(gpt4o.SecondsPerNote / student.SecondsPerNote!.Value, "faster", "slower")}";
        return text + (student.CostPerNoteUsd is > 0 ? $" and {Times(gpt4o.CostPerNoteUsd / student.CostPerNoteUsd.Value, "cheaper", "more expensive")} per note." : ".");
    }

    // Rounded first, so a difference of -0.0004 reads 0.000 rather than -0.000.
    static string F(double? value) => value is { } v ? (Math.Round(v, 3) + 0.0).ToString("0.000", CultureInfo.InvariantCulture) : "n/a";

    static string Signed(double difference) => difference >= 0
        ? $"{F(difference)} above"
        : $"{F(-difference)} below";

    static string S(double? seconds) => $"{seconds?.ToString(seconds < 0.1 ? "0.0000" : "0.00", CultureInfo.InvariantCulture)} s";

    static string D(double? usd) => "$" + usd?.ToString(usd < 0.001 ? "0.0e0" : "0.0000", CultureInfo.InvariantCulture);

    static string Times(double ratio, string more, string less) => ratio >= 1
        ? $"{ratio.ToString(ratio >= 100 ? "N0" : "0.0", CultureInfo.InvariantCulture)}× {more}"
        : $"{(1 / ratio).ToString("0.0", CultureInfo.InvariantCulture)}× {less}";
}
