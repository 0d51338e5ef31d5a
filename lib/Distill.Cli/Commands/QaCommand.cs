using System.CommandLine;
using System.Text.Json;
using Distill.Corpora;
using Distill.IO;
using Distill.Pipeline.SyntheticQa;
using Distill.Students.LlmFineTuning;
using Distill.Teachers.Llm;
using Spectre.Console;

namespace Distill.Cli.Commands;

/// <summary>
/// `distill qa finetune` (issue 19): fine-tune a hosted model on the exported chat JSONL through the OpenAI or Azure OpenAI
/// SDK, and the printing side of `distill reproduce --task qa` (<see cref="RunStudyAsync"/>).
/// </summary>
public static class QaCommand
{
    public static Command Create()
    {
        var command = new Command("qa", "Synthetic question-answer distillation (issue 19): see also `distill reproduce --task qa`.");
        command.Subcommands.Add(FineTune());
        return command;
    }

    static Command FineTune()
    {
        var provider = new Option<string>("--provider") { Description = "openai (or an OpenAI-compatible server) or azure", Required = true };
        provider.AcceptOnlyFromAmong("openai", "azure");
        var train = new Option<string>("--train") { Description = "training JSONL in the OpenAI chat format (the run's finetune/openai-train.jsonl)", Required = true };
        var validation = new Option<string?>("--validation") { Description = "validation JSONL (finetune/openai-validation.jsonl)" };
        var model = new Option<string>("--model") { Description = "base model to fine-tune (e.g. gpt-4o-mini-2024-07-18)", Required = true };
        var endpoint = new Option<string?>("--endpoint") { Description = "API root (default api.openai.com; required for azure)" };
        var keyEnv = new Option<string>("--api-key-env") { Description = "name of the environment variable holding the key", DefaultValueFactory = _ => "OPENAI_API_KEY" };
        var suffix = new Option<string?>("--suffix") { Description = "suffix of the fine-tuned model's name" };
        var output = new Option<string>("--out") { Description = "where the job record (finetune-job.json) is written", DefaultValueFactory = _ => "finetune-job.json" };
        var poll = new Option<double>("--poll-seconds") { Description = "seconds between status checks", DefaultValueFactory = _ => 30 };
        var noWait = new Option<bool>("--no-wait") { Description = "create the job and return without polling" };
        var command = new Command("finetune", "Upload the chat JSONL, create a fine-tuning job (OpenAI or Azure OpenAI SDK), poll it and record the fine-tuned model's name.");
        foreach (var o in new Option[] { provider, train, validation, model, endpoint, keyEnv, suffix, output, poll, noWait }) command.Options.Add(o);
        command.SetGuardedAction(async (parse, cancellationToken) =>
        {
            var key = Environment.GetEnvironmentVariable(parse.GetValue(keyEnv)!);
            if (string.IsNullOrEmpty(key))
            {
                Console.Error.WriteLine($"error: --api-key-env: the environment variable {parse.GetValue(keyEnv)} is not set.");
                return CommandErrors.BadInput;
            }
            var path = parse.GetValue(output)!;
            {
                Uri? root = parse.GetValue(endpoint) is { } e ? (Uri.TryCreate(e, UriKind.Absolute, out var u) ? u : throw new ArgumentException($"--endpoint '{e}' is not an absolute URL.")) : null;
                var client = new FineTuningJobClient(parse.GetValue(provider) == "azure" ? ChatProvider.Azure : ChatProvider.OpenAI, key, root);
                var job = await client.StartAsync(parse.GetValue(model)!, parse.GetValue(train)!, parse.GetValue(validation), parse.GetValue(suffix), cancellationToken);
                Save(path, job);
                AnsiConsole.MarkupLine($"Job [bold]{Markup.Escape(job.JobId)}[/]: {Markup.Escape(job.Status)} (recorded in {Markup.Escape(path)})");
                if (!parse.GetValue(noWait))
                {
                    var seen = new Progress<FineTuningJobRecord>(j => { Save(path, j); AnsiConsole.MarkupLine($"  {Markup.Escape(j.Status)}"); });
                    job = await client.WaitAsync(job, TimeSpan.FromSeconds(Math.Max(0.01, parse.GetValue(poll))), seen, cancellationToken: cancellationToken);
                    Save(path, job);
                }
                if (job.FineTunedModel is { } name) AnsiConsole.MarkupLine($"Fine-tuned model: [bold]{Markup.Escape(name)}[/]");
                if (job.Status is "failed" or "cancelled")
                {
                    Console.Error.WriteLine($"error: the job {job.Status}{(job.Error is null ? "" : $": {job.Error}")}");
                    return CommandErrors.Failure;
                }
                return 0;
            }
        }, "Stopped polling; a created job runs on, and its id is in the --out file.");
        return command;
    }

    static void Save(string path, FineTuningJobRecord job) =>
        AtomicFile.WriteAllText(path, JsonSerializer.Serialize(job, new JsonSerializerOptions { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower }) + "\n");

    /// <summary>
    /// `distill reproduce --task qa`: runs <see cref="QaStudy"/> and prints its progress and closing lines. Errors follow
    /// the reproduce command's policy (<see cref="CommandErrors"/>); finished stages and cached answers are kept on Ctrl+C.
    /// </summary>
    public static async Task<int> RunStudyAsync(string? notes, string? n2c2, string? teachers, bool quick, bool dryRun, bool offline, string? runId,
        string results, string? cache, string student, CancellationToken cancellationToken)
    {
        var root = RepositoryData.Root;
        var id = runId ?? $"qa-{DateTime.UtcNow:yyyyMMdd-HHmmss}";
        var request = new QaStudyRequest(
            Path.Combine(Path.IsPathRooted(results) ? results : Path.Combine(root, results), id),
            notes ?? Path.Combine(root, QaStudyDefaults.NotesFolder),
            n2c2 ?? Path.Combine(root, QaStudyDefaults.N2c2Folder),
            teachers,
            cache ?? Path.Combine(root, QaStudyDefaults.CacheFile),
            Path.Combine(root, ".cache"),
            student, quick, dryRun, offline);
        var lastStage = "";
        var progress = new Progress<QaStudyEvent>(e =>
        {
            // Step-by-step training lines would flood a CI log: print a stage's counted steps only at its end.
            if (e is { Done: { } done, Total: { } total } && done < total && e.Stage == "student") return;
            if (e.Stage != lastStage) AnsiConsole.MarkupLine($"[bold]{Markup.Escape(e.Stage)}[/]");
            lastStage = e.Stage;
            AnsiConsole.MarkupLine($"  {Markup.Escape(e.Message)}");
        });
        {
            var result = await QaStudy.RunAsync(request, progress, cancellationToken: cancellationToken);
            if (result.DryRun is { } estimate)
            {
                AnsiConsole.MarkupLine($"Dry run ({Markup.Escape(estimate.Generator)}): {estimate.Notes} notes, {estimate.CachedNotes} cached, {estimate.Calls} calls, " +
                    $"~{estimate.InputTokens:N0} tokens in / ~{estimate.OutputTokens:N0} out, ~${estimate.CostUsd:0.####}. Nothing was sent.");
                return 0;
            }
            if (result.Cohort is { } cohort)
            {
                var table = new Table().AddColumns("answerer", "micro F1", "macro F1", "micro bal. acc.", "macro bal. acc.");
                foreach (var a in cohort.Answerers)
                    table.AddRow(Markup.Escape(a.Answerer), $"{a.Scores.Micro.OverallF1:F3}", $"{a.Scores.Macro.OverallF1:F3}", $"{a.Scores.Micro.BalancedAccuracy:F3}", $"{a.Scores.Macro.BalancedAccuracy:F3}");
                AnsiConsole.Write(table);
            }
            AnsiConsole.MarkupLine($"Report: [bold]{Markup.Escape(result.Layout.Report)}[/] ({result.Elapsed.TotalSeconds:F0} s)");
            return 0;
        }
    }
}
