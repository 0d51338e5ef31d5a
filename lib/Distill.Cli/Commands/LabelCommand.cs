using Distill.Cli.Display;
using Distill.Pipeline.Events;
using System.CommandLine;
using Distill.Teachers.Cache;
using Distill.Teachers.Running;
using Spectre.Console;

namespace Distill.Cli.Commands;

/// <summary>
/// `distill label`: labels a corpus split with teachers through the SQLite cache. With no options it labels the
/// embedded NCBI Disease dev split with the real offline teachers (no keys needed); a second run is
/// served from the cache.
/// </summary>
public static class LabelCommand
{
    public static Command Create()
    {
        var corpus = new Option<string>("--corpus") { Description = "a dataset in data-manifests/ (e.g. ncbi-disease) or a folder of JSONL splits", DefaultValueFactory = _ => "ncbi-disease" };
        var corpusFile = new Option<string?>("--corpus-file") { Description = "a PubTator file to label instead of --corpus" };
        var split = new Option<string>("--split") { Description = "train, dev or test", DefaultValueFactory = _ => "dev" };
        var teachers = new Option<string?>("--teachers") { Description = "offline (default: the real offline teachers), simulated (teaching: dictionary + 4 simulated), or a teachers file (YAML/JSON, see teachers.example.yaml)" };
        var entityTypes = new Option<string[]>("--entity-types") { Description = "entity types, e.g. disease medication symptom", DefaultValueFactory = _ => ["disease"], AllowMultipleArgumentsPerToken = true };
        var offline = new Option<bool>("--offline") { Description = "never call a network teacher: a cache miss is an error" };
        var dryRun = new Option<bool>("--dry-run") { Description = "estimate LLM tokens and cost, call nothing" };
        var cachePath = new Option<string?>("--cache") { Description = "cache file (default <repo>/.cache/teachers.sqlite, DistillPaths.TeacherCache)" };
        var concurrency = new Option<int>("--concurrency") { Description = "labelings in flight at once", DefaultValueFactory = _ => 4 };
        var limit = new Option<int?>("--limit") { Description = "label only the first N documents" };
        var exportJsonl = new Option<string?>("--export-jsonl") { Description = "after labeling, write the whole cache as JSONL here" };
        var importJsonl = new Option<string?>("--import-jsonl") { Description = "before labeling, add the calls of this JSONL export to the cache" };
        var batch = new Option<bool>("--batch") { Description = "send LLM requests through the OpenAI/Azure Batch API (half price, up to 24 h), wait, merge into the cache" };
        var batchId = new Option<string?>("--batch-id") { Description = "collect this earlier batch instead of submitting a new one" };
        var batchPoll = new Option<int>("--batch-poll-seconds") { Description = "how often to poll a batch", DefaultValueFactory = _ => 60 };
        var encoding = EncodingOption.Create();

        var command = new Command("label", "Label documents with teachers (dictionary, mesh, morphology, abbreviation, embedding, simulated, LLM, BioPortal) through the SQLite cache.");
        foreach (var option in new Option[] { corpus, corpusFile, split, teachers, entityTypes, offline, dryRun, cachePath, concurrency, limit, exportJsonl, importJsonl, batch, batchId, batchPoll, encoding })
            command.Options.Add(option);
        command.SetGuardedAction(async (parse, cancellationToken) =>
        {
            var options = new LabelJobOptions
            {
                Encoding = EncodingOption.Parse(parse.GetValue(encoding)),
                Corpus = parse.GetValue(corpus)!,
                CorpusFile = parse.GetValue(corpusFile),
                Split = parse.GetValue(split)!,
                TeachersFile = parse.GetValue(teachers),
                EntityTypes = parse.GetValue(entityTypes)!.SelectMany(t => t.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToArray(),
                CachePath = parse.GetValue(cachePath),
                Offline = parse.GetValue(offline),
                MaxConcurrency = parse.GetValue(concurrency),
                Limit = parse.GetValue(limit),
            };
            {
                var job = LabelJob.Prepare(options);
                AnsiConsole.MarkupLine($"[bold]{job.Documents.Count}[/] documents, teachers: {Markup.Escape(string.Join(", ", job.Teachers.Select(t => $"{t.Name} ({t.Kind})")))}, entity types: {Markup.Escape(string.Join(", ", options.EntityTypes))}");
                if (parse.GetValue(dryRun))
                {
                    var table = new Table().AddColumns("teacher", "model", "tokenizer", "calls", "input tokens", "output tokens (est.)", "cost (USD, est.)");
                    foreach (var e in job.Estimate())
                        table.AddRow(Markup.Escape(e.Teacher), Markup.Escape(e.Model), Markup.Escape(e.Encoding), e.Calls.ToString(), e.InputTokens.ToString(), e.OutputTokens.ToString(), e.CostUsd.ToString("F4"));
                    AnsiConsole.Write(table);
                    AnsiConsole.MarkupLine("Offline (dictionary, mesh, morphology, abbreviation) and simulated teachers cost nothing; BioPortal is free but rate-limited. Nothing was called.");
                    return 0;
                }
                if (parse.GetValue(importJsonl) is { } import)
                {
                    await using var cache = SqliteTeacherCache.Open(options.ResolvedCachePath);
                    var (imported, skipped) = await cache.ImportJsonlAsync(import, cancellationToken);
                    AnsiConsole.MarkupLine($"Imported {imported} calls ({skipped} already present) from {Markup.Escape(import)}.");
                }
                if (parse.GetValue(batch) || parse.GetValue(batchId) is not null)
                {
                    if (options.Offline) throw new ArgumentException("--batch calls the Batch API; it cannot be combined with --offline.");
                    AnsiConsole.MarkupLine("Batch mode: submitting and polling (Ctrl+C stops waiting; resume with --batch-id).");
                    foreach (var (teacher, outcome) in await job.RunBatchesAsync(TimeSpan.FromSeconds(parse.GetValue(batchPoll)), parse.GetValue(batchId), cancellationToken: cancellationToken))
                        AnsiConsole.MarkupLine($"{Markup.Escape(teacher)}: batch {Markup.Escape(outcome.BatchId ?? "-")} {Markup.Escape(outcome.FinalStatus)}, {outcome.Requests} answers, {outcome.Recorded} labelings cached ({outcome.Failed} failed).");
                }
                TeacherRunResult result;
                using (var display = new ConsoleStageDisplay(AnsiConsole.Console))
                    result = await job.RunAsync(StageReporting.Immediate<TeacherRunProgress>(p => display.Report(new StageProgress("label", "labeling", $"labeling ({p.Last.Teacher})", (double)p.Done / Math.Max(1, p.Total)))),
                        cancellationToken);
                AnsiConsole.Write(StageTables.TeacherRun(result));
                var scores = job.Score(result);
                if (scores.Count > 0)
                {
                    var table = new Table().AddColumns("teacher", "entity type", "token precision", "token recall", "token F1");
                    foreach (var (teacher, entityType, score) in scores)
                        table.AddRow(Markup.Escape(teacher), Markup.Escape(entityType), $"{score.Precision:F3}", $"{score.Recall:F3}", $"{score.F1:F3}");
                    AnsiConsole.Write(table.Caption($"against the gold spans of split '{Markup.Escape(options.Split)}'"));
                }
                AnsiConsole.MarkupLine($"Cache: {Markup.Escape(options.ResolvedCachePath)}");
                if (parse.GetValue(exportJsonl) is { } export)
                {
                    await using var cache = SqliteTeacherCache.Open(options.ResolvedCachePath);
                    AnsiConsole.MarkupLine($"Exported {await cache.ExportJsonlAsync(export, cancellationToken)} calls to {Markup.Escape(export)}.");
                }
                return result.Summary.Failed == 0 ? 0 : 2;
            }
        }, "Teacher answers received so far are cached; run again to resume.");
        return command;
    }
}
