using System.CommandLine;
using System.Text;
using Distill.Corpora;

namespace Distill.Cli.Commands;

/// <summary>
/// <c>--encoding</c> for the commands that read corpora or notes (label, predict, data): strict UTF-8 by default, so a
/// file that is not UTF-8 stops with file:line instead of silently becoming U+FFFD; <c>latin1</c> for ISO-8859-1 sources.
/// </summary>
public static class EncodingOption
{
    public static Option<string> Create()
    {
        var option = new Option<string>("--encoding")
        {
            Description = $"how corpus and note files are decoded: {TextFileEncoding.Names}",
            DefaultValueFactory = _ => "utf-8",
        };
        option.Validators.Add(result =>
        {
            try
            {
                TextFileEncoding.Parse(result.GetValueOrDefault<string>() ?? "utf-8");
            }
            catch (ArgumentException e)
            {
                result.AddError($"--encoding: {e.Message}");
            }
        });
        return option;
    }

    /// <summary>The encoding to pass to the readers: null for the strict UTF-8 default.</summary>
    public static Encoding? Parse(string? name) =>
        name is null || TextFileEncoding.Parse(name) == TextFileEncoding.StrictUtf8 ? null : TextFileEncoding.Parse(name);
}
