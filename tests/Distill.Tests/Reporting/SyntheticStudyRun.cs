using System.Text.Json;
using Distill.Corpora;
using Distill.Evaluation;
using Distill.Reporting;
using Distill.Tests.Evaluation;

namespace Distill.Tests.Reporting;

/// <summary>
/// A small run folder named as a study names its systems (two teachers, their combination, the distilled student), on six
/// hand-made notes, with costs and epoch logs: what the report page is built from, in well under a second, training nothing.
/// </summary>
internal static class SyntheticStudyRun
{
    static readonly Document[] Gold =
    [
        DocumentBuilder.Doc("n1", "Patient with breast cancer and asthma.", ("breast cancer", EntityTypes.Disease), ("asthma", EntityTypes.Disease)),
        DocumentBuilder.Doc("n2", "History of diabetes mellitus; no fever.", ("diabetes mellitus", EntityTypes.Disease)),
        DocumentBuilder.Doc("n3", "Huntington disease (HD) runs in the family.", ("Huntington disease", EntityTypes.Disease), ("HD", EntityTypes.Disease)),
        DocumentBuilder.Doc("n4", "Cystic fibrosis was ruled out.", ("Cystic fibrosis", EntityTypes.Disease)),
        DocumentBuilder.Doc("n5", "Known hepatitis and cirrhosis.", ("hepatitis", EntityTypes.Disease), ("cirrhosis", EntityTypes.Disease)),
        DocumentBuilder.Doc("n6", "Seen for migraine.", ("migraine", EntityTypes.Disease)),
    ];

    /// <summary>Writes inputs under <paramref name="root"/> and builds run <paramref name="runId"/> there.</summary>
    public static async Task<RunReportResult> CreateAsync(string root, string runId = "synthetic")
    {
        var inputs = Path.Combine(root, "inputs-" + runId);
        Directory.CreateDirectory(inputs);
        async Task<string> Write(string name, IEnumerable<Document> docs)
        {
            var path = Path.Combine(inputs, name + ".jsonl");
            await JsonlCorpusWriter.WriteAsync(path, docs);
            return path;
        }
        // Each system drops a different share of the mentions, so their scores differ.
        IEnumerable<Document> Keep(Func<int, bool> keep) => Gold.Select(d => d.WithSpans(d.Spans.Where((_, i) => keep(i + d.Id[1]))));
        var gold = await Write("gold", Gold);
        var systems = new List<(string, string)>
        {
            (StudySystemNames.DistilledStudent, await Write("student", Keep(i => i % 5 != 0))),
            (StudySystemNames.Combination, await Write("combination", Keep(i => i % 4 != 0))),
            (StudySystemNames.Teacher("dictionary"), await Write("dictionary", Keep(i => i % 2 == 0))),
            (StudySystemNames.Teacher("mesh"), await Write("mesh", Keep(i => i % 3 != 0))),
        };
        var costs = Path.Combine(inputs, "costs.json");
        await File.WriteAllTextAsync(costs, JsonSerializer.Serialize(new[]
        {
            new { system = StudySystemNames.DistilledStudent, notes = 6, total_cost_usd = 1.2e-5, total_seconds = 0.42, machine = "cpu" },
            new { system = StudySystemNames.Combination, notes = 6, total_cost_usd = 0.0, total_seconds = 3.0, machine = "dictionary + mesh" },
            new { system = StudySystemNames.Teacher("dictionary"), notes = 6, total_cost_usd = 0.0, total_seconds = 0.9, machine = "local" },
            new { system = StudySystemNames.Teacher("mesh"), notes = 6, total_cost_usd = 0.0, total_seconds = 2.1, machine = "local" },
        }));
        var epochs = Path.Combine(inputs, "epochs.json");
        await File.WriteAllTextAsync(epochs, JsonSerializer.Serialize(new[]
        {
            new { run = StudySystemNames.DistilledStudent, epoch = 1, train_loss = 0.61, dev_loss = (double?)null, dev_f1 = 0.55 },
            new { run = StudySystemNames.DistilledStudent, epoch = 2, train_loss = 0.32, dev_loss = (double?)null, dev_f1 = 0.71 },
        }));
        var settings = EvaluationSettings.Default with
        {
            Bootstrap = new BootstrapOptions(Resamples: 50, Seed: 3),
            ReferenceSystem = StudySystemNames.DistilledStudent,
        };
        return await RunReport.CreateAsync(RunFolder.For(root, runId), new RunRequest(gold, systems, settings, costs, epochs,
            Configuration: new Dictionary<string, string> { ["corpus"] = "synthetic notes", ["quick"] = "True" }));
    }
}
