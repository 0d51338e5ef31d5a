namespace Distill.Tests.Cli;

/// <summary>
/// Tests that invoke CLI commands through the real command line run one at a time: the commands draw Spectre.Console
/// live displays (Status, Progress) on the one static AnsiConsole, and two at once throw "Trying to run one or more
/// interactive functions concurrently", which the command line reports as exit 1.
/// </summary>
[CollectionDefinition(nameof(ConsoleCommandsCollection))]
public sealed class ConsoleCommandsCollection;
