using Spectre.Console;

namespace Distill.Notebooks;

/// <summary>
/// A Spectre.Console console for notebook cells. The runner and the kernel capture a cell's output by
/// swapping <see cref="Console.Out"/> per cell, while <see cref="AnsiConsole.Console"/> keeps the writer it
/// saw first; this one writes to the current <see cref="Console.Out"/>, without colours or live redrawing,
/// so tables and progress lines land in the cell's output as plain text.
/// </summary>
public static class NotebookConsole
{
    /// <summary>A console bound to the current cell's output.</summary>
    public static IAnsiConsole Create(int width = 120) => AnsiConsole.Create(new AnsiConsoleSettings
    {
        Ansi = AnsiSupport.No,
        ColorSystem = ColorSystemSupport.NoColors,
        Interactive = InteractionSupport.No,
        Out = new AnsiConsoleOutput(Console.Out) { },
    }).WithWidth(width);

    static IAnsiConsole WithWidth(this IAnsiConsole console, int width)
    {
        console.Profile.Width = width;
        return console;
    }
}
