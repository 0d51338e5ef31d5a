using System.Globalization;
using System.Text;

namespace Distill.IO;

/// <summary>
/// Keeps an error message that quotes a user's file on one line: line breaks, tabs and other control characters in the
/// quoted text are written as escapes (<c>\n</c>, <c>\t</c>, <c>\u0001</c>). The fuzzer found messages that echoed a newline
/// or raw pickle bytes from the input, so the CLI's "one clear line naming the file" became several lines of noise.
/// </summary>
public static class MessageText
{
    /// <summary><paramref name="text"/> with every control character escaped, cut to <paramref name="maxLength"/> characters.</summary>
    public static string OneLine(string text, int maxLength = 500)
    {
        var sb = new StringBuilder(Math.Min(text.Length, maxLength) + 8);
        foreach (var c in text)
        {
            if (sb.Length >= maxLength)
            {
                sb.Append("...");
                break;
            }
            switch (c)
            {
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                default:
                    if (char.IsControl(c) || CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator)
                        sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    else
                        sb.Append(c);
                    break;
            }
        }
        return sb.ToString();
    }
}
