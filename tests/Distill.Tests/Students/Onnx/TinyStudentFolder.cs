namespace Distill.Tests.Students.Onnx;

/// <summary>A temporary student folder holding the committed tiny parity checkpoint (config, vocab, tokenizer config, safetensors).</summary>
public sealed class TinyStudentFolder : IDisposable
{
    public TinyStudentFolder()
    {
        Root = Directory.CreateTempSubdirectory("distill-onnx-").FullName;
        Path = System.IO.Path.Combine(Root, "student");
        Directory.CreateDirectory(Path);
        foreach (var name in new[] { "config.json", "vocab.txt", "tokenizer_config.json", "model.safetensors" })
            File.Copy(TinyBert.File(name), System.IO.Path.Combine(Path, name));
    }

    /// <summary>A scratch folder that is removed with the student.</summary>
    public string Root { get; }

    /// <summary>The student folder.</summary>
    public string Path { get; }

    public void Dispose() => Directory.Delete(Root, recursive: true);
}
