using System.CommandLine;
using Distill.Notebooks;
using Distill.Notebooks.Kernel;
using Spectre.Console;

namespace Distill.Cli.Commands;

/// <summary>`distill kernel install|run`: the C# Jupyter kernel (see <see cref="JupyterKernel"/>).</summary>
public static class KernelCommand
{
    public static Command Create()
    {
        var user = new Option<bool>("--user") { Description = "install for the current user (the default)" };
        var prefix = new Option<string?>("--prefix") { Description = "install under PREFIX/share/jupyter/kernels (e.g. a virtual environment)" };
        var name = new Option<string>("--name") { Description = "kernelspec folder name", DefaultValueFactory = _ => KernelSpec.DefaultName };
        var install = new Command("install", "Write the kernelspec so Jupyter Lab/Notebook and VS Code list \"C# (distill)\".");
        install.Options.Add(user);
        install.Options.Add(prefix);
        install.Options.Add(name);
        install.SetAction(parse =>
        {
            var folder = KernelSpec.Install(KernelSpec.DataDirectory(parse.GetValue(prefix)), KernelSpec.CurrentToolCommand(), parse.GetValue(name)!);
            AnsiConsole.MarkupLine($"Installed kernelspec [bold]{Markup.Escape(parse.GetValue(name)!)}[/] in {Markup.Escape(folder)}");
            return 0;
        });

        var connectionFile = new Argument<string>("connection_file") { Description = "the connection file Jupyter passes to the kernel" };
        var insecure = new Option<bool>("--insecure")
        {
            Description = "accept a connection file with an empty key (unsigned messages) or a non-loopback ip: anyone who can reach the ports could run code",
        };
        var run = new Command("run", "Serve as a Jupyter kernel (started by Jupyter through the kernelspec).");
        run.Arguments.Add(connectionFile);
        run.Options.Add(insecure);
        run.SetAction(async (parse, cancellationToken) =>
        {
            KernelConnection connection;
            try
            {
                connection = KernelConnection.Read(parse.GetValue(connectionFile)!, parse.GetValue(insecure));
            }
            catch (InvalidDataException e)
            {
                // Jupyter shows a kernel's stderr in its log; stdout is not read.
                Console.Error.WriteLine(e.Message);
                return 2;
            }
            // Jupyter starts the kernel in the notebook's folder, so relative #r paths resolve as in the runner.
            var session = new NotebookSession(new NotebookSessionOptions(Environment.CurrentDirectory, "kernel"));
            await new JupyterKernel(connection, session).RunAsync(cancellationToken);
            return 0;
        });

        var command = new Command("kernel", "The C# Jupyter kernel for interactive notebooks.");
        command.Subcommands.Add(install);
        command.Subcommands.Add(run);
        return command;
    }
}
