using System.Diagnostics;
using Distill.Runtime;
using static TorchSharp.torch;

namespace Distill.Tests.Runtime;

/// <summary>
/// Proves the tensor backend loads on this image (the GLIBCXX fix) and computes correctly with the
/// MKL vendor patch active (float32 results against a float64 reference).
/// </summary>
public sealed class TorchRuntimeTests
{
    [Fact]
    public void Matmul_matches_a_float64_reference()
    {
        using var scope = NewDisposeScope();
        manual_seed(7);
        var a = randn(256, 768);
        var b = randn(768, 512);
        var expected = matmul(a.to(float64), b.to(float64));
        var actual = matmul(a, b).to(float64);
        var relative = ((actual - expected).abs().max() / expected.abs().max()).item<double>();
        Assert.True(relative < 1e-4, $"float32 matmul differs from float64 by {relative:E2} (relative)");
    }

    [Fact]
    public void Backward_pass_matches_the_analytic_gradient()
    {
        using var scope = NewDisposeScope();
        manual_seed(11);
        // loss = sum((A x)^2)  =>  d loss / d x = 2 A^T A x
        var a = randn(384, 256);
        var x = randn(256, 1, requires_grad: true);
        var loss = matmul(a, x).pow(2).sum();
        loss.backward();
        var grad = x.grad!.to(float64);
        var a64 = a.to(float64);
        var expected = 2 * matmul(a64.t(), matmul(a64, x.detach().to(float64)));
        var relative = ((grad - expected).abs().max() / expected.abs().max()).item<double>();
        Assert.True(relative < 1e-4, $"autograd gradient differs from the analytic one by {relative:E2} (relative)");
    }

    [Fact]
    public void Describe_reports_the_MKL_path_the_environment_step_chose()
    {
        var info = TorchRuntime.Describe();
        Assert.Equal("cpu", info.Backend);
        Assert.NotNull(info.NativeDirectory);
        var optedOut = Environment.GetEnvironmentVariable("DISTILL_MKL_VENDOR_PATCH") is "0" or "false" or "off";
        if (info.CpuVendor == "AuthenticAMD" && !optedOut)
            Assert.True(info.MklVendorCheckPatched, "on an AMD CPU the build should patch MKL's vendor check (see environment/torch_native_fix.py)");
        else
            Assert.NotEqual(true, info.MklVendorCheckPatched);
    }

    [Theory]
    [InlineData("cpu")]
    [InlineData("CPU")]
    [InlineData("auto")]
    [InlineData(null)]
    public void ResolveDevice_accepts_cpu_and_auto_here(string? spec)
    {
        Assert.Equal(TorchSharp.DeviceType.CPU, TorchRuntime.ResolveDevice(spec).type);
    }

    [Fact]
    public void ResolveDevice_gives_cuda_only_where_it_exists()
    {
        if (cuda.is_available())
        {
            Assert.Equal(TorchSharp.DeviceType.CUDA, TorchRuntime.ResolveDevice("cuda:0").type);
            return;
        }
        var error = Assert.Throws<ArgumentException>(() => TorchRuntime.ResolveDevice("cuda:0"));
        Assert.Contains("TorchBackend=cuda", error.Message);
    }

    [Fact]
    public void ResolveDevice_rejects_an_unknown_name()
    {
        var error = Assert.Throws<ArgumentException>(() => TorchRuntime.ResolveDevice("tpu"));
        Assert.Contains("'tpu'", error.Message);
    }

    [Fact]
    public void Native_fix_script_is_idempotent_on_an_already_fixed_output()
    {
        var script = Path.Combine(RepositoryRoot.Path, "environment", "torch_native_fix.py");
        var output = AppContext.BaseDirectory;
        var psi = new ProcessStartInfo("python3") { RedirectStandardOutput = true, RedirectStandardError = true };
        psi.ArgumentList.Add(script);
        psi.ArgumentList.Add(output);
        using var process = Process.Start(psi)!;
        var stdout = process.StandardOutput.ReadToEnd();
        var stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, stderr);
        // The build already ran it: a second run must find nothing to patch and say nothing.
        Assert.DoesNotContain("patched", stdout);
        Assert.DoesNotContain("made weak", stdout);
    }
}
