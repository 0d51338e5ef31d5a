using Distill.IO;

namespace Distill.Students.Checkpoints;

/// <summary>
/// Makes every <see cref="InvalidDataException"/> that leaves a checkpoint reader one line naming the file. The fuzzer
/// found two kinds that were not: the zip library's own ("A local file header is corrupt", "Number of entries expected
/// in End Of Central Directory does not correspond..."), raised while entries are listed or opened, which name no file;
/// and messages quoting tensor names or pickle globals, which may hold line breaks or any byte.
/// </summary>
internal static class CheckpointErrors
{
    /// <summary>Runs <paramref name="read"/>; an <see cref="InvalidDataException"/> from it comes out named and on one line.</summary>
    public static T Named<T>(string path, string what, Func<T> read)
    {
        try
        {
            return read();
        }
        catch (InvalidDataException e)
        {
            var message = MessageText.OneLine(e.Message, 1000);
            if (message == e.Message && e.Message.StartsWith(path, StringComparison.Ordinal)) throw;
            throw new InvalidDataException(message.StartsWith(path, StringComparison.Ordinal) ? message : $"{path}: not a readable {what} ({message}).", e);
        }
    }
}
