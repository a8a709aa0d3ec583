using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace Livepeer.AI.BuiltIn;

/// <summary>
/// PaddleOCR v4 text detection + recognition on ONNX Runtime (CPU), following PaddleOCR's own pre- and post-processing:
/// DB detection (probability map, threshold 0.3, box score 0.6, unclip 1.5), each box recognised at height 48 with
/// greedy CTC decoding over <c>ppocr_keys_v1.txt</c>. Lines are returned top to bottom, left to right.
/// Thread-safe: ONNX Runtime sessions take concurrent runs.
/// </summary>
public sealed class PaddleOcr : IDisposable
{
    public const string DetectionFile = "ch_PP-OCRv4_det_infer.onnx";
    public const string RecognitionFile = "ch_PP-OCRv4_rec_infer.onnx";
    public const string KeysFile = "ppocr_keys_v1.txt";

    private const int MaxSide = 960;
    private const float BinaryThreshold = 0.3f;
    private const float BoxThreshold = 0.6f;
    private const double UnclipRatio = 1.5;
    private const int RecognitionHeight = 48;

    private static readonly float[] DetectionMean = [0.485f, 0.456f, 0.406f];
    private static readonly float[] DetectionStd = [0.229f, 0.224f, 0.225f];
    private static readonly float[] RecognitionMean = [0.5f, 0.5f, 0.5f];
    private static readonly float[] RecognitionStd = [0.5f, 0.5f, 0.5f];

    private readonly InferenceSession _detection;
    private readonly InferenceSession _recognition;
    private readonly string[] _characters;

    public PaddleOcr(string directory)
    {
        _detection = new InferenceSession(Path.Combine(directory, DetectionFile));
        _recognition = new InferenceSession(Path.Combine(directory, RecognitionFile));
        // CTC classes: 0 is the blank, then the keys file, then a space (PaddleOCR's use_space_char).
        _characters = [.. File.ReadAllLines(Path.Combine(directory, KeysFile)), " "];
    }

    public static bool FilesExist(string directory) =>
        new[] { DetectionFile, RecognitionFile, KeysFile }.All(f => File.Exists(Path.Combine(directory, f)));

    /// <summary>The recognised lines joined by spaces.</summary>
    public string Read(RgbImage image) => string.Join(' ', Detect(image).Select(box => Recognise(image.Crop(box.X, box.Y, box.Width, box.Height))).Where(t => t.Length > 0));

    /// <summary>Text boxes in image coordinates, in reading order.</summary>
    public IReadOnlyList<(int X, int Y, int Width, int Height)> Detect(RgbImage image)
    {
        var scale = Math.Min(1.0, (double)MaxSide / Math.Max(image.Width, image.Height));
        var width = Math.Max(32, (int)Math.Round(image.Width * scale / 32) * 32);
        var height = Math.Max(32, (int)Math.Round(image.Height * scale / 32) * 32);
        var input = image.Resize(width, height).ToBgrPlanes(DetectionMean, DetectionStd);
        using var results = _detection.Run([NamedOnnxValue.CreateFromTensor(_detection.InputMetadata.Keys.First(), new DenseTensor<float>(input, [1, 3, height, width]))]);
        var map = results[0].AsEnumerable<float>().ToArray();

        var boxes = new List<(int X, int Y, int Width, int Height)>();
        var seen = new bool[map.Length];
        var queue = new Queue<int>();
        for (var start = 0; start < map.Length; start++)
        {
            if (seen[start] || map[start] <= BinaryThreshold)
                continue;
            // One connected region of the binary map (4-neighbourhood): its bounding box and mean probability.
            int minX = int.MaxValue, minY = int.MaxValue, maxX = -1, maxY = -1, count = 0;
            double score = 0;
            seen[start] = true;
            queue.Enqueue(start);
            while (queue.TryDequeue(out var i))
            {
                int x = i % width, y = i / width;
                (minX, maxX, minY, maxY) = (Math.Min(minX, x), Math.Max(maxX, x), Math.Min(minY, y), Math.Max(maxY, y));
                score += map[i];
                count++;
                foreach (var n in (ReadOnlySpan<int>)[x > 0 ? i - 1 : -1, x < width - 1 ? i + 1 : -1, y > 0 ? i - width : -1, y < height - 1 ? i + width : -1])
                {
                    if (n >= 0 && !seen[n] && map[n] > BinaryThreshold)
                    {
                        seen[n] = true;
                        queue.Enqueue(n);
                    }
                }
            }
            double boxWidth = maxX - minX + 1, boxHeight = maxY - minY + 1;
            if (Math.Min(boxWidth, boxHeight) < 3 || score / count < BoxThreshold)
                continue;
            // DB's unclip: grow the shrunk text kernel by area × ratio / perimeter on every side.
            var grow = boxWidth * boxHeight * UnclipRatio / (2 * (boxWidth + boxHeight));
            double sx = (double)image.Width / width, sy = (double)image.Height / height;
            var left = Math.Clamp((int)Math.Floor((minX - grow) * sx), 0, image.Width - 1);
            var top = Math.Clamp((int)Math.Floor((minY - grow) * sy), 0, image.Height - 1);
            var right = Math.Clamp((int)Math.Ceiling((maxX + 1 + grow) * sx), left + 1, image.Width);
            var bottom = Math.Clamp((int)Math.Ceiling((maxY + 1 + grow) * sy), top + 1, image.Height);
            boxes.Add((left, top, right - left, bottom - top));
        }
        // Reading order: by line (boxes whose tops are within half a line height), then left to right.
        return [.. boxes.OrderBy(b => b.Y).ThenBy(b => b.X)];
    }

    /// <summary>One text line, greedy CTC: the best class per step, repeats collapsed, blanks dropped.</summary>
    public string Recognise(RgbImage line)
    {
        var width = Math.Clamp((int)Math.Ceiling((double)RecognitionHeight * line.Width / line.Height), 16, 3200);
        var input = line.Resize(width, RecognitionHeight).ToBgrPlanes(RecognitionMean, RecognitionStd);
        using var results = _recognition.Run([NamedOnnxValue.CreateFromTensor(_recognition.InputMetadata.Keys.First(), new DenseTensor<float>(input, [1, 3, RecognitionHeight, width]))]);
        var output = results[0].AsTensor<float>();
        int steps = output.Dimensions[1], classes = output.Dimensions[2];
        var text = new System.Text.StringBuilder();
        var previous = 0;
        for (var t = 0; t < steps; t++)
        {
            var best = 0;
            for (var c = 1; c < classes; c++)
            {
                if (output[0, t, c] > output[0, t, best])
                    best = c;
            }
            if (best != 0 && best != previous && best - 1 < _characters.Length)
                text.Append(_characters[best - 1]);
            previous = best;
        }
        return text.ToString().Trim();
    }

    public void Dispose()
    {
        _detection.Dispose();
        _recognition.Dispose();
    }
}
