using System.CommandLine;
using Distill.Cli.Commands;

// `distill`: the command-line face of lib/Distill. Each stage adds its commands in Commands/.
var root = new RootCommand("Distill large language models into small clinical information-extraction models.");
foreach (var command in CommandCatalog.All())
    root.Subcommands.Add(command);
return await root.Parse(args).InvokeAsync();
