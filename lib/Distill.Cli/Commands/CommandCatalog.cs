using System.CommandLine;

namespace Distill.Cli.Commands;

/// <summary>Every top-level command of the tool, in the order `distill --help` lists them.</summary>
public static class CommandCatalog
{
    public static IEnumerable<Command> All()
    {
        yield return EnvCommand.Create();
        yield return BenchCommand.Create();
        yield return DataCommand.Create();
        yield return EvaluateCommand.Create();
        yield return ReportCommand.Create();
        yield return LabelCommand.Create();
        yield return SearchCommand.Create();
        yield return ReproduceCommand.Create();
        yield return QaCommand.Create();
        yield return ModelsCommand.Create();
        yield return TrainCommand.Create();
        yield return PredictCommand.Create();
        yield return ExportCommand.Create();
        yield return NotebookCommand.Create();
        yield return KernelCommand.Create();
    }
}
