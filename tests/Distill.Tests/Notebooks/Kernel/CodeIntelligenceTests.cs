using Distill.Notebooks;
using Distill.Notebooks.Kernel;

namespace Distill.Tests.Notebooks.Kernel;

public sealed class CodeIntelligenceTests
{
    [Theory]
    [InlineData("var a = 1;", true)]
    [InlineData("if (true) {", false)]
    [InlineData("var s = \"unterminated", false)]
    [InlineData("#!csharp\nConsole.WriteLine(1);", true)]
    public void IsComplete_follows_the_parser(string code, bool complete) =>
        Assert.Equal(complete, CodeIntelligence.IsComplete(code));

    [Fact]
    public async Task Completion_knows_earlier_cells_and_members_after_a_dot()
    {
        using var temp = new TempFolder();
        var session = new NotebookSession(new NotebookSessionOptions(temp.Path));
        await session.ExecuteAsync("var corpusName = \"ncbi\";");
        var intelligence = new CodeIntelligence(session);

        var names = intelligence.Complete("corpusN", 7);
        var members = intelligence.Complete("corpusName.ToUp", 15);
        var statics = intelligence.Complete("Math.Sq", 7);

        Assert.Equal(["corpusName"], names.Matches);
        Assert.Equal((0, 7), (names.Start, names.End));
        Assert.Contains("ToUpper", members.Matches);
        Assert.Contains("ToUpperInvariant", members.Matches);
        Assert.Equal(11, members.Start);
        Assert.Equal(["Sqrt"], statics.Matches);
        Assert.Contains("string", intelligence.Inspect("corpusName.Length", 3));
    }
}
