using Distill.Students.Tokenization;

namespace Distill.Tests.Students.Tokenization;

public sealed class DocumentWindowsTests
{
    readonly WordPieceEncoder encoder = new(TinyBert.File("vocab.txt"), lowerCase: true);

    [Fact]
    public void A_short_document_is_one_window_with_first_pieces_marked()
    {
        var windows = DocumentWindows.Create("the patient has cancers", encoder, maxLength: 64, overlap: 8);
        var window = Assert.Single(windows.Windows);
        Assert.Equal(encoder.ClsId, window.InputIds[0]);
        Assert.Equal(encoder.SepId, window.InputIds[^1]);
        Assert.Equal([1, 2, 3, 4], window.FirstPiecePositions); // "cancers" = cancer ##s: positions 4 and 5
        Assert.Equal(7, window.Length);
    }

    [Fact]
    public void A_long_document_gets_overlapping_windows_that_fit_and_cover_every_word_once()
    {
        var text = string.Join(' ', Enumerable.Repeat("the patient was given aspirin daily for pain .", 12));
        var windows = DocumentWindows.Create(text, encoder, maxLength: 16, overlap: 4);
        Assert.True(windows.Windows.Count > 5);
        Assert.All(windows.Windows, w => Assert.True(w.Length <= 16, $"window of {w.Length} ids"));
        for (var k = 1; k < windows.Windows.Count; k++)
        {
            Assert.True(windows.Windows[k].FirstWord < windows.Windows[k - 1].EndWord, "consecutive windows overlap");
            Assert.True(windows.Windows[k].FirstWord > windows.Windows[k - 1].FirstWord, "windows move forward");
        }
        Assert.Equal(windows.Words.Count, windows.Windows[^1].EndWord);
        for (var w = 0; w < windows.Words.Count; w++)
        {
            var owner = windows.Windows[windows.OwningWindow(w)];
            Assert.InRange(w, owner.FirstWord, owner.EndWord - 1);
        }
    }

    [Fact]
    public void Plan_never_exceeds_the_content_and_always_progresses()
    {
        var ranges = DocumentWindows.Plan([3, 3, 3, 3, 3], content: 6, overlap: 5);
        Assert.Equal([(0, 2), (1, 3), (2, 4), (3, 5)], ranges);
    }
}
