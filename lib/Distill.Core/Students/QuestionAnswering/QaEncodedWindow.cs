namespace Distill.Students.QuestionAnswering;

/// <summary>
/// One (question, note window) input: <c>[CLS] question [SEP] window [SEP]</c> as piece ids with token types 0 / 1, and
/// for each note word in the window its character span (in the text read) and the position of its first piece.
/// </summary>
internal sealed record QaEncodedWindow(int[] InputIds, int[] TokenTypes, (int Start, int End)[] Words, int[] WordPositions, int[][] WordPieces);
