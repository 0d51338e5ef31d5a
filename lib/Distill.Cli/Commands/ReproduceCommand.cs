using System.CommandLine;
using Distill.Cli.Display;
using Distill.Notebooks;
using Distill.Pipeline;
using Distill.Pipeline.Events;
using Distill.Pipeline.SyntheticQa;
using Distill.Runtime;
using Spectre.Console;

namespace Distill.Cli.Commands;

/// <summary>`distill reproduce`: the whole study end-to-end (see <see cref="ReproducePipeline"/>).</summary>
public static class ReproduceCommand
{
    public static Command Create()
    {
        var defaults = new ReproduceOptions();
        var quick = new Option<bool>("--quick") { Description = $"small and fast: {StudyDefaults.Quick.PoolLimit} pool notes, {StudyDefaults.Quick.Epochs} epochs, {StudyDefaults.Quick.MaxLength}-piece windows, {StudyDefaults.Quick.BootstrapResamples} resamples" };
        var corpus = new Option<string>("--corpus") { Description = "dataset from data-manifests/ or a folder of JSONL splits", DefaultValueFactory = _ => defaults.Corpus };
        var path = new Option<string?>("--path") { Description = "where a licensed dataset's files are" };
        var teachers = new Option<string?>("--teachers") { Description = "offline (default: the real offline teachers), simulated (teaching: dictionary + 4 simulated), or a teachers file (YAML/JSON, see teachers.example.yaml)" };
        var entityTypes = new Option<string[]>("--entity-types") { Description = "entity types", AllowMultipleArgumentsPerToken = true };
        var model = new Option<string>("--model")
        {
            Description = $"student to fine-tune: {string.Join(", ", Distill.Students.Pretrained.StudentCheckpoint.Names)} or a Hugging Face folder (BERT, BioBERT, Bio_ClinicalBERT)",
            DefaultValueFactory = _ => StudyDefaults.Student,
        };
        var epochs = new Option<int?>("--epochs") { Description = "student epochs (default: the student's, see TrainingOptions; quick 2)" };
        var poolLimit = new Option<int?>("--pool-limit") { Description = "label and train on the first N pool notes" };
        var goldStudent = new Option<bool>("--gold-student") { Description = "also train a student on the pool's human labels" };
        var device = new Option<string>("--device") { Description = "cpu, cuda, cuda:N or auto", DefaultValueFactory = _ => defaults.Device };
        var results = new Option<string>("--results") { Description = "results folder", DefaultValueFactory = _ => defaults.ResultsFolder };
        var runId = new Option<string?>("--run-id") { Description = "run id; an existing run resumes" };
        var cache = new Option<string?>("--cache") { Description = "teacher cache (default <repo>/.cache/teachers.sqlite)" };
        var offline = new Option<bool>("--offline") { Description = "a teacher-cache miss is an error" };
        var price = new Option<double>("--machine-usd-per-hour") { Description = "assumed price of the student's machine, for its cost per note", DefaultValueFactory = _ => defaults.MachineUsdPerHour };
        var seed = new Option<int>("--seed") { Description = "student seed", DefaultValueFactory = _ => defaults.Seed };
        var noNotebooks = new Option<bool>("--no-notebooks") { Description = "do not execute the notebooks at the end" };
        var allowEmpty = AllowEmptyOption.Create();
        var keepCheckpoint = new Option<bool>("--keep-checkpoint") { Description = "keep each student's resume checkpoint (checkpoint-last/, optimizer state included) after its training finished" };
        var png = new Option<bool>("--png") { Description = "also write the report's figures as PNG files in plots/ (needs Debian's chromium)" };
        // Issues 18 and 19: the adverse-drug-event study and the synthetic question-answer study are tasks of the same command.
        var task = new Option<string>("--task") { Description = "ner (the span study, default), ade (adverse drug events on ADE-Corpus-V2, Gu et al. 2023: needs --corpus ade-corpus-v2 --path <folder>) or qa (synthetic question-answer distillation, n2c2 2018 Track 1)", DefaultValueFactory = _ => AdeTask.Ner };
        task.AcceptOnlyFromAmong(AdeTask.Ner, AdeTask.Name, "qa");
        var noMarker = new Option<bool>("--no-marker-student") { Description = "ade: skip the drug-marker ablation student" };
        var notes = new Option<string?>("--notes") { Description = "qa: notes to generate pairs from (default: data/synthetic-discharge-notes)" };
        var n2c2 = new Option<string?>("--n2c2-track1") { Description = "qa: n2c2 2018 Track 1 XML folder (default: the synthetic fixture data/synthetic-n2c2-track1)" };
        var dryRun = new Option<bool>("--dry-run") { Description = "qa: estimate the generation's tokens and cost, send nothing" };
        var command = new Command("reproduce", "Run the whole study: teachers, subset search, distillation, student, evaluation, report and notebooks.");
        foreach (var option in new Option[] { task, noMarker, quick, corpus, path, teachers, entityTypes, model, epochs, poolLimit, goldStudent, device, results, runId, cache, offline, price, seed, noNotebooks, keepCheckpoint, png, allowEmpty, notes, n2c2, dryRun })
            command.Options.Add(option);
        command.SetGuardedAction(async (parse, cancellationToken) =>
        {
            if (parse.GetValue(task) == "qa")
                return await QaCommand.RunStudyAsync(parse.GetValue(notes), parse.GetValue(n2c2), parse.GetValue(teachers), parse.GetValue(quick), parse.GetValue(dryRun),
                    parse.GetValue(offline), parse.GetValue(runId), parse.GetValue(results)!, parse.GetValue(cache),
                    parse.GetResult(model) is { Implicit: false } ? parse.GetValue(model)! : QaStudyDefaults.Student, cancellationToken);
            if (parse.GetValue(task) == AdeTask.Name)
            {
                if (parse.GetValue(corpus) is { } name && name != defaults.Corpus && name != "ade-corpus-v2")
                    throw new ArgumentException($"--task ade reads ADE-Corpus-V2 (--corpus ade-corpus-v2), not '{name}'.");
                if (parse.GetValue(path) is not { } adePath)
                    throw new ArgumentException("--task ade needs --path <folder> holding DRUG-AE.rel, DRUG-DOSE.rel and ADE-NEG.txt (the corpus is not shipped; see data-manifests/ade-corpus-v2.json).");
                return await AdeTask.ReproduceAsync(new Distill.Pipeline.AdverseEvents.AdeStudyOptions
                {
                    CorpusPath = adePath,
                    Quick = parse.GetValue(quick),
                    Teachers = parse.GetValue(teachers),
                    Checkpoint = parse.GetValue(model)!,
                    ResultsFolder = parse.GetValue(results)!,
                    RunId = parse.GetValue(runId),
                    CachePath = parse.GetValue(cache),
                    Offline = parse.GetValue(offline),
                    Device = parse.GetValue(device)!,
                    MachineUsdPerHour = parse.GetValue(price),
                    Seed = parse.GetValue(seed),
                    Epochs = parse.GetValue(epochs),
                    PoolLimit = parse.GetValue(poolLimit),
                    MarkerStudent = !parse.GetValue(noMarker),
                }, cancellationToken);
            }
            var types = parse.GetValue(entityTypes);
            var options = new ReproduceOptions(
                Corpus: parse.GetValue(corpus)!,
                CorpusPath: parse.GetValue(path),
                TeachersFile: parse.GetValue(teachers),
                EntityTypes: types is { Length: > 0 } ? types.SelectMany(t => t.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToArray() : null,
                Checkpoint: parse.GetValue(model)!,
                Quick: parse.GetValue(quick),
                Epochs: parse.GetValue(epochs),
                PoolLimit: parse.GetValue(poolLimit),
                GoldStudent: parse.GetValue(goldStudent),
                Device: parse.GetValue(device)!,
                ResultsFolder: parse.GetValue(results)!,
                RunId: parse.GetValue(runId),
                CachePath: parse.GetValue(cache),
                Offline: parse.GetValue(offline),
                MachineUsdPerHour: parse.GetValue(price),
                Seed: parse.GetValue(seed),
                KeepCheckpoint: parse.GetValue(keepCheckpoint),
                Paths: DistillPaths.Default) { AllowEmpty = parse.GetValue(allowEmpty) };
            using var display = new ConsoleStageDisplay(AnsiConsole.Console);
            var result = await ReproducePipeline.RunAsync(options, display, cancellationToken);
            if (!parse.GetValue(noNotebooks))
            {
                display.Report(new StageStarted(NotebookStage.Name, "6. notebooks"));
                await NotebookStage.RunAllAsync(NotebookStage.NotebooksOfStudy(DistillPaths.Default.Notebooks, "ner"), result.Run.Notebooks, options.Quick, result.Run.Root,
                    result.Run.SharedPlotlyFromSubfolder, display, cancellationToken);
                await ReproducePipeline.MarkAsync(result.Run, NotebookStage.Name, cancellationToken);
            }
            display.Report(new StageStarted("summary", "summary"));
            foreach (var line in ReproducePipeline.Summary(result)) display.Report(line);
            StudyTable.Write(AnsiConsole.Console, result.Report);
            if (parse.GetValue(png)) await ReportConsole.ExportPngAsync(result.Report, cancellationToken);
            AnsiConsole.MarkupLine($"Report: [bold]{Markup.Escape(result.Report.Folder.Report)}[/] ({result.Elapsed.TotalMinutes:F1} min)");
            return 0;
        }, "Finished stages, cached teacher answers and the last training epoch are kept; run again with the same --run-id to resume.");
        return command;
    }
}
