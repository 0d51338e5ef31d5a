using Distill.Runtime;

namespace Distill.Tests.Runtime;

public sealed class TorchThreadSettingsTests
{
    [Fact]
    public void libgomp_sees_the_passive_wait_policy_unless_the_user_chose_one()
    {
        if (!OperatingSystem.IsLinux()) return;
        // The module initializer ran when Distill.Core loaded; .NET's own copy of the environment is the one this
        // process started with, so it says whether the user had set the variable.
        var fromUser = Environment.GetEnvironmentVariable(TorchThreadSettings.WaitPolicyVariable);
        Assert.Equal(fromUser ?? TorchThreadSettings.WaitPolicy, TorchThreadSettings.NativeWaitPolicy);
        TorchThreadSettings.Apply(); // idempotent, and never overwrites
        Assert.Equal(fromUser ?? TorchThreadSettings.WaitPolicy, TorchThreadSettings.NativeWaitPolicy);
    }
}
