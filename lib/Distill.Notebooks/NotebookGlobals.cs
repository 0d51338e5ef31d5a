namespace Distill.Notebooks;

/// <summary>
/// What notebook code sees as globals: <c>display(value)</c> (the name .NET Interactive and IPython use) and
/// <c>Display(value)</c>, plus the cancellation token of the running cell, which long loops should pass on so an
/// interrupt from Jupyter stops them.
/// </summary>
public sealed class NotebookGlobals
{
    readonly DisplayFormatter formatter;

    internal NotebookGlobals(DisplayFormatter formatter) => this.formatter = formatter;

    /// <summary>Cancelled when the user interrupts the running cell.</summary>
    public CancellationToken CancellationToken { get; internal set; }

    /// <summary>Shows a value as rich output (HTML table, chart, image or text) below the cell.</summary>
#pragma warning disable IDE1006 // lower-case on purpose: notebooks written for .NET Interactive and IPython call display(...)
    public void display(object? value) => Display(value);
#pragma warning restore IDE1006

    /// <summary>Shows a value as rich output below the cell.</summary>
    public void Display(object? value) => Show(formatter, value);

    internal static void Show(DisplayFormatter formatter, object? value) =>
        ConsoleRouting.Current?.Add(new DisplayDataOutput(formatter.Format(value)));
}

/// <summary>The <c>value.Display()</c> form .NET Interactive notebooks use, for the cell that is running.</summary>
public static class DisplayExtensions
{
    /// <summary>Shows the value below the running cell and returns it; does nothing outside a notebook cell.</summary>
    public static T Display<T>(this T value)
    {
        if (ConsoleRouting.Current is { } sink)
            NotebookGlobals.Show(sink.Formatter, value);
        return value;
    }
}
