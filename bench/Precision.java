import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * Is lower precision a training-speed lever on this CPU through DJL's PyTorch engine? Times the step's typical
 * matmul and 3x3 convolution shapes in float32 and in the given type. Run from the repo root after a build:
 *   java -cp "app/target/lib/*" bench/Precision.java float16
 *   java -cp "app/target/lib/*" bench/Precision.java bfloat16
 */
public class Precision {
  public static void main(String[] args) {
    DataType low = DataType.valueOf(args.length > 0 ? args[0].toUpperCase() : "FLOAT16");
    int[][] mm = {{5312, 128, 384}, {5312, 384, 128}, {8192, 128, 128}, {4096, 64, 64}};
    try (NDManager m = NDManager.newBaseManager()) {
      for (int[] s : mm) {
        NDArray x = m.randomNormal(new Shape(s[0], s[1]));
        NDArray w = m.randomNormal(new Shape(s[1], s[2]));
        for (DataType dt : new DataType[] {DataType.FLOAT32, low}) {
          NDArray xa = x.toType(dt, false);
          NDArray wa = w.toType(dt, false);
          double sec = time(() -> xa.matMul(wa), 10);
          System.out.printf("matmul %dx%d x %dx%d %s: %.2f ms, %.1f GFLOP/s%n", s[0], s[1], s[1], s[2], dt, sec * 1e3,
              2.0 * s[0] * s[1] * s[2] / sec / 1e9);
        }
      }
      NDArray img = m.randomNormal(new Shape(64, 64, 32, 32));
      NDArray k = m.randomNormal(new Shape(64, 64, 3, 3));
      for (DataType dt : new DataType[] {DataType.FLOAT32, low}) {
        NDArray ia = img.toType(dt, false);
        NDArray ka = k.toType(dt, false);
        double sec = time(() -> ai.djl.nn.convolutional.Conv2d.conv2d(ia, ka, null, new Shape(1, 1), new Shape(1, 1),
            new Shape(1, 1), 1).singletonOrThrow(), 3);
        System.out.printf("conv 3x3 64->64 on 64x32x32 %s: %.2f ms, %.1f GFLOP/s%n", dt, sec * 1e3,
            2.0 * 64 * 64 * 32 * 32 * 64 * 9 / sec / 1e9);
      }
    }
  }

  private static double time(java.util.function.Supplier<NDArray> op, int n) {
    for (int i = 0; i < 2; i++) {
      op.get().close();
    }
    long t0 = System.nanoTime();
    for (int i = 0; i < n; i++) {
      NDArray r = op.get();
      r.toType(DataType.FLOAT32, false).sum().getFloat();
      r.close();
    }
    return (System.nanoTime() - t0) / 1e9 / n;
  }
}
