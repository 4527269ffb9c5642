package io.ninep.transport;

import java.util.Random;
import java.util.function.IntSupplier;

/** How a scripted stream hands out its bytes: the ways a real socket might. */
enum Chunking {
    WHOLE {
        @Override
        IntSupplier sizes() {
            return () -> Integer.MAX_VALUE;
        }
    },
    ONE_BYTE {
        @Override
        IntSupplier sizes() {
            return () -> 1;
        }
    },
    RANDOM {
        @Override
        IntSupplier sizes() {
            Random r = new Random(42);
            return () -> 1 + r.nextInt(100);
        }
    };

    abstract IntSupplier sizes();
}
