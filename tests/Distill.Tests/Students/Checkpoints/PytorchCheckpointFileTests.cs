using Distill.Students.Checkpoints;

namespace Distill.Tests.Students.Checkpoints;

public sealed class PytorchCheckpointFileTests
{
    [Fact]
    public void Reads_the_state_dict_torch_save_wrote()
    {
        using var checkpoint = PytorchCheckpointFile.Read(TinyBert.File("pytorch_model.bin"));
        using var reference = SafetensorsFile.Read(TinyBert.File("model.safetensors"));
        Assert.Equal(reference.Tensors.Keys.Order(), checkpoint.Tensors.Keys.Order());
        foreach (var (name, t) in reference.Tensors)
            Assert.True(t.allclose(checkpoint.Tensors[name], rtol: 0, atol: 0), $"'{name}' differs between the two formats");
    }

    [Fact]
    public void A_pickle_that_calls_os_system_is_refused_without_running()
    {
        var e = Assert.Throws<InvalidDataException>(() => PytorchCheckpointFile.Read(TinyBert.File("malicious_pytorch_model.bin")));
        Assert.Contains("refuses global 'posix.system'", e.Message);
        Assert.Contains("never executes code", e.Message);
    }

    [Fact]
    public void A_file_that_is_not_a_zip_says_which_format_is_supported()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllBytes(path, [0x80, 0x02, (byte)'}', (byte)'.']);
            var e = Assert.Throws<InvalidDataException>(() => PytorchCheckpointFile.Read(path));
            Assert.Contains("not a zip archive", e.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
