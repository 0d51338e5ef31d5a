using Distill.Students.Checkpoints;

namespace Distill.Tests.Students.Checkpoints;

public sealed class PytorchCheckpointFileTests
{
    [Theory]
    [InlineData("pytorch_model.bin")]
    [InlineData("legacy_pytorch_model.bin")]
    public void Reads_the_state_dict_torch_save_wrote(string file)
    {
        using var checkpoint = PytorchCheckpointFile.Read(TinyBert.File(file));
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
    public void A_file_that_is_not_a_torch_checkpoint_is_refused()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllBytes(path, [0x80, 0x02, (byte)'}', (byte)'.']);
            var e = Assert.Throws<InvalidDataException>(() => PytorchCheckpointFile.Read(path));
            Assert.Contains("neither a zip archive nor a legacy torch.save file", e.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
