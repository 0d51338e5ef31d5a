using System.Buffers;
using System.Text;
using System.Text.Unicode;

namespace Distill.Corpora;

/// <summary>
/// How corpus and note files are decoded. By default as strict UTF-8: a byte sequence that is not UTF-8 is a
/// <see cref="CorpusFormatException"/> naming the file, the line and the byte offset, never a silent U+FFFD
/// (issue 15: a Latin-1 file turned "Sjögren" into "Sj\uFFFDgren" in exports and cached spans). A source that
/// really is Latin-1 is read with an explicit <see cref="Encoding.Latin1"/> (CLI: <c>--encoding latin1</c>).
/// </summary>
public static class TextFileEncoding
{
    /// <summary>UTF-8 that throws on invalid bytes (no byte-order mark is written; one is skipped on reading).</summary>
    public static Encoding StrictUtf8 { get; } = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The names <see cref="Parse"/> accepts, for help texts.</summary>
    public const string Names = "utf-8 (default, strict) or latin1 (ISO-8859-1)";

    /// <summary>An encoding from its name: utf-8 (strict) or latin1 / iso-8859-1; anything else is an <see cref="ArgumentException"/>.</summary>
    public static Encoding Parse(string name) => name.Trim().ToLowerInvariant() switch
    {
        "utf-8" or "utf8" => StrictUtf8,
        "latin1" or "latin-1" or "iso-8859-1" or "iso8859-1" => Encoding.Latin1,
        _ => throw new ArgumentException($"unknown encoding '{name}'; expected {Names}."),
    };

    /// <summary>A reader over <paramref name="path"/> whose decoding errors name the file, line and byte.</summary>
    public static TextReader OpenReader(string path, Encoding? encoding = null) => OpenReader(path, () => File.OpenRead(path), encoding);

    /// <summary>
    /// A reader over the stream <paramref name="open"/> returns (e.g. a decompressing one); <paramref name="open"/> is
    /// called again only to locate a decoding error, which is reported against <paramref name="sourceName"/>.
    /// </summary>
    public static TextReader OpenReader(string sourceName, Func<Stream> open, Encoding? encoding = null)
    {
        var strict = encoding is null || encoding.CodePage == Encoding.UTF8.CodePage;
        // A byte-order mark is honoured only under the default: an explicit Latin-1 means every byte is text.
        var reader = new StreamReader(open(), strict ? StrictUtf8 : encoding!, detectEncodingFromByteOrderMarks: strict, bufferSize: 1 << 16);
        return new LocatingReader(reader, sourceName, open);
    }

    /// <summary>The whole file as text (offsets of BRAT files index it as stored).</summary>
    public static async Task<string> ReadAllTextAsync(string path, Encoding? encoding = null, CancellationToken cancellationToken = default)
    {
        using var reader = OpenReader(path, encoding);
        return await reader.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The file's lines, as <see cref="File.ReadAllLinesAsync(string, CancellationToken)"/> splits them.</summary>
    public static async Task<string[]> ReadAllLinesAsync(string path, Encoding? encoding = null, CancellationToken cancellationToken = default)
    {
        using var reader = OpenReader(path, encoding);
        var lines = new List<string>();
        while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line) lines.Add(line);
        return [.. lines];
    }

    /// <summary>
    /// The 1-based line, byte offset and byte value of the first invalid UTF-8 sequence, or null when the stream
    /// is valid UTF-8. Streams in 64 KiB blocks, so it works on files of any size.
    /// </summary>
    internal static (long Line, long Offset, byte Value)? FindInvalidUtf8(Stream stream)
    {
        var bytes = ArrayPool<byte>.Shared.Rent(1 << 16);
        var chars = ArrayPool<char>.Shared.Rent(1 << 16);
        try
        {
            long line = 1, offset = 0;
            var carry = 0;
            while (true)
            {
                var read = stream.Read(bytes, carry, (1 << 16) - carry);
                var total = carry + read;
                var final = read == 0;
                var block = bytes.AsSpan(0, total);
                // UTF-16 never needs more chars than there are UTF-8 bytes, so the destination is always big enough.
                var status = Utf8.ToUtf16(block, chars.AsSpan(0, 1 << 16), out var consumed, out _, replaceInvalidSequences: false, isFinalBlock: final);
                line += block[..consumed].Count((byte)'\n');
                if (status == OperationStatus.InvalidData) return (line, offset + consumed, block[consumed]);
                if (final) return null;
                carry = total - consumed; // an incomplete sequence at the end waits for the next block
                block[consumed..].CopyTo(bytes);
                offset += consumed;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(bytes);
            ArrayPool<char>.Shared.Return(chars);
        }
    }

    /// <summary>Forwards to a <see cref="StreamReader"/> and turns its <see cref="DecoderFallbackException"/> into a located error.</summary>
    sealed class LocatingReader(StreamReader inner, string sourceName, Func<Stream> open) : TextReader
    {
        CorpusFormatException Located(DecoderFallbackException e)
        {
            (long Line, long Offset, byte Value)? where = null;
            try
            {
                using var again = open();
                where = FindInvalidUtf8(again);
            }
            catch (IOException)
            {
                // The file went away between the read and the scan: report what the decoder knew.
            }
            const string Advice = "the file is not UTF-8; if it is Latin-1 (ISO-8859-1), read it with --encoding latin1 (CorpusReadOptions.Encoding = Encoding.Latin1).";
            return where is { } w
                ? new CorpusFormatException(sourceName, checked((int)Math.Min(w.Line, int.MaxValue)), $"invalid UTF-8 byte 0x{w.Value:X2} at byte offset {w.Offset}; {Advice}", e)
                : new CorpusFormatException(sourceName, null, $"invalid UTF-8 ({e.Message}); {Advice}", e);
        }

        T Guard<T>(Func<T> read)
        {
            try { return read(); }
            catch (DecoderFallbackException e) { throw Located(e); }
        }

        async ValueTask<T> GuardAsync<T>(Func<ValueTask<T>> read)
        {
            try { return await read().ConfigureAwait(false); }
            catch (DecoderFallbackException e) { throw Located(e); }
        }

        public override int Peek() => Guard(inner.Peek);
        public override int Read() => Guard(inner.Read);
        public override int Read(char[] buffer, int index, int count) => Guard(() => inner.Read(buffer, index, count));
        public override int Read(Span<char> buffer)
        {
            try { return inner.Read(buffer); }
            catch (DecoderFallbackException e) { throw Located(e); }
        }
        public override string? ReadLine() => Guard(inner.ReadLine);
        public override string ReadToEnd() => Guard(inner.ReadToEnd);
        public override Task<string?> ReadLineAsync() => GuardAsync(() => new ValueTask<string?>(inner.ReadLineAsync())).AsTask();
        public override ValueTask<string?> ReadLineAsync(CancellationToken cancellationToken) => GuardAsync(() => inner.ReadLineAsync(cancellationToken));
        public override Task<string> ReadToEndAsync() => GuardAsync(() => new ValueTask<string>(inner.ReadToEndAsync())).AsTask();
        public override Task<string> ReadToEndAsync(CancellationToken cancellationToken) => GuardAsync(() => new ValueTask<string>(inner.ReadToEndAsync(cancellationToken))).AsTask();
        public override Task<int> ReadAsync(char[] buffer, int index, int count) => GuardAsync(() => new ValueTask<int>(inner.ReadAsync(buffer, index, count))).AsTask();
        public override ValueTask<int> ReadAsync(Memory<char> buffer, CancellationToken cancellationToken = default) => GuardAsync(() => inner.ReadAsync(buffer, cancellationToken));

        protected override void Dispose(bool disposing)
        {
            if (disposing) inner.Dispose();
            base.Dispose(disposing);
        }
    }
}
