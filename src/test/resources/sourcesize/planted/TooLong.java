package planted;

/** Planted for SourceSizeTest: not compiled, only parsed. */
class TooLong {

    int sixtyLines() {
        int x = 0;
        x++;
        x += new java.util.TreeMap<String, Integer>().size();
        x++;
        x++;
        x++;
        x++;
        x++;
        x++;
        x++;
        x++;
        x++;
        x++;
        x++;
        x++;
        x++;
        x++;
        x++;
        x++;
        x++;
        x++;
        x++;
        x++;
        x++;
        x++;
        x++;
        x++;
        x++;
        x++;
        x++;
        x++;
        x++;
        x++;
        x++;
        x++;
        x++;
        x++;
        x++;
        x++;
        x++;
        x++;
        x++;
        x++;
        x++;
        x++;
        x++;
        x++;
        x++;
        x++;
        x++;
        x++;
        x++;
        x++;
        x++;
        x++;
        x++;
        x++;
        return x;
    }

    int sixtyOneLines() {
        int x = 0;
        x--;
        x--;
        x--;
        x--;
        x--;
        x--;
        x--;
        x--;
        x--;
        x--;
        x--;
        x--;
        x--;
        x--;
        x--;
        x--;
        x--;
        x--;
        x--;
        x--;
        x--;
        x--;
        x--;
        x--;
        x--;
        x--;
        x--;
        x--;
        x--;
        x--;
        x--;
        x--;
        x--;
        x--;
        x--;
        x--;
        x--;
        x--;
        x--;
        x--;
        x--;
        x--;
        x--;
        x--;
        x--;
        x--;
        x--;
        x--;
        x--;
        x--;
        x--;
        x--;
        x--;
        x--;
        x--;
        x--;
        x--;
        return x;
    }

    // filler so the class is one line over the limit
    // filler so the class is one line over the limit
    // filler so the class is one line over the limit
    // filler so the class is one line over the limit
    // filler so the class is one line over the limit
    // filler so the class is one line over the limit
    // filler so the class is one line over the limit
    // filler so the class is one line over the limit
    // filler so the class is one line over the limit
    // filler so the class is one line over the limit
    // filler so the class is one line over the limit
    // filler so the class is one line over the limit
    // filler so the class is one line over the limit
    // filler so the class is one line over the limit
    // filler so the class is one line over the limit
    // filler so the class is one line over the limit
    // filler so the class is one line over the limit
    // filler so the class is one line over the limit
    // filler so the class is one line over the limit
    // filler so the class is one line over the limit
    // filler so the class is one line over the limit
    // filler so the class is one line over the limit
    // filler so the class is one line over the limit
    // filler so the class is one line over the limit
    // filler so the class is one line over the limit
    // filler so the class is one line over the limit
    // filler so the class is one line over the limit
    // filler so the class is one line over the limit
    // filler so the class is one line over the limit
    // filler so the class is one line over the limit
    // filler so the class is one line over the limit
    // filler so the class is one line over the limit
    // filler so the class is one line over the limit
    // filler so the class is one line over the limit
    // filler so the class is one line over the limit
    // filler so the class is one line over the limit
    // filler so the class is one line over the limit
    // filler so the class is one line over the limit
    // filler so the class is one line over the limit
    // filler so the class is one line over the limit
    // filler so the class is one line over the limit
    // filler so the class is one line over the limit
    // filler so the class is one line over the limit
    // filler so the class is one line over the limit
    // filler so the class is one line over the limit
    // filler so the class is one line over the limit
    // filler so the class is one line over the limit
    // filler so the class is one line over the limit
    // filler so the class is one line over the limit
    // filler so the class is one line over the limit
    // filler so the class is one line over the limit
    // filler so the class is one line over the limit
    // filler so the class is one line over the limit
    // filler so the class is one line over the limit
    // filler so the class is one line over the limit
    // filler so the class is one line over the limit
    // filler so the class is one line over the limit
    // filler so the class is one line over the limit
    // filler so the class is one line over the limit
    // filler so the class is one line over the limit
    // filler so the class is one line over the limit
    // filler so the class is one line over the limit
    // filler so the class is one line over the limit
    // filler so the class is one line over the limit
    // filler so the class is one line over the limit
    // filler so the class is one line over the limit
    // filler so the class is one line over the limit
    // filler so the class is one line over the limit
    // filler so the class is one line over the limit
    // filler so the class is one line over the limit
    // filler so the class is one line over the limit
    // filler so the class is one line over the limit
    // filler so the class is one line over the limit
    // filler so the class is one line over the limit
    // filler so the class is one line over the limit
    // filler so the class is one line over the limit
    // filler so the class is one line over the limit
    // filler so the class is one line over the limit
    // filler so the class is one line over the limit
    // filler so the class is one line over the limit
    // filler so the class is one line over the limit
    // filler so the class is one line over the limit
    // filler so the class is one line over the limit
    // filler so the class is one line over the limit
    // filler so the class is one line over the limit
    // filler so the class is one line over the limit
    // filler so the class is one line over the limit
    // filler so the class is one line over the limit
    // filler so the class is one line over the limit
    // filler so the class is one line over the limit
    // filler so the class is one line over the limit
    // filler so the class is one line over the limit
    // filler so the class is one line over the limit
    // filler so the class is one line over the limit
    // filler so the class is one line over the limit
    // filler so the class is one line over the limit
    // filler so the class is one line over the limit
    // filler so the class is one line over the limit
    // filler so the class is one line over the limit
    // filler so the class is one line over the limit
    // filler so the class is one line over the limit
    // filler so the class is one line over the limit
    // filler so the class is one line over the limit
    // filler so the class is one line over the limit
    // filler so the class is one line over the limit
    // filler so the class is one line over the limit
    // filler so the class is one line over the limit
    // filler so the class is one line over the limit
    // filler so the class is one line over the limit
    // filler so the class is one line over the limit
    // filler so the class is one line over the limit
    // filler so the class is one line over the limit
    // filler so the class is one line over the limit
    // filler so the class is one line over the limit
    // filler so the class is one line over the limit
    // filler so the class is one line over the limit
    // filler so the class is one line over the limit
    // filler so the class is one line over the limit
    // filler so the class is one line over the limit
    // filler so the class is one line over the limit
    // filler so the class is one line over the limit
    // filler so the class is one line over the limit
    // filler so the class is one line over the limit
    // filler so the class is one line over the limit
    // filler so the class is one line over the limit
    // filler so the class is one line over the limit
    // filler so the class is one line over the limit
    // filler so the class is one line over the limit
    // filler so the class is one line over the limit
    // filler so the class is one line over the limit
    // filler so the class is one line over the limit
    // filler so the class is one line over the limit
    // filler so the class is one line over the limit
    // filler so the class is one line over the limit
    // filler so the class is one line over the limit
    // filler so the class is one line over the limit
    // filler so the class is one line over the limit
    // filler so the class is one line over the limit
    // filler so the class is one line over the limit
    // filler so the class is one line over the limit
    // filler so the class is one line over the limit
    // filler so the class is one line over the limit
    // filler so the class is one line over the limit
    // filler so the class is one line over the limit
    // filler so the class is one line over the limit
    // filler so the class is one line over the limit
    // filler so the class is one line over the limit
    // filler so the class is one line over the limit
    // filler so the class is one line over the limit
    // filler so the class is one line over the limit
    // filler so the class is one line over the limit
    // filler so the class is one line over the limit
    // filler so the class is one line over the limit
    // filler so the class is one line over the limit
    // filler so the class is one line over the limit
    // filler so the class is one line over the limit
    // filler so the class is one line over the limit
    // filler so the class is one line over the limit
    // filler so the class is one line over the limit
    // filler so the class is one line over the limit
    // filler so the class is one line over the limit
    // filler so the class is one line over the limit
    // filler so the class is one line over the limit
    // filler so the class is one line over the limit
    // filler so the class is one line over the limit
    // filler so the class is one line over the limit
    // filler so the class is one line over the limit
    // filler so the class is one line over the limit
    // filler so the class is one line over the limit
    // filler so the class is one line over the limit
    // filler so the class is one line over the limit
    // filler so the class is one line over the limit
    // filler so the class is one line over the limit
    // filler so the class is one line over the limit
    // filler so the class is one line over the limit
    // filler so the class is one line over the limit
    // filler so the class is one line over the limit
    // filler so the class is one line over the limit
    // filler so the class is one line over the limit
    // filler so the class is one line over the limit
    // filler so the class is one line over the limit
    // filler so the class is one line over the limit
    // filler so the class is one line over the limit
    // filler so the class is one line over the limit
    // filler so the class is one line over the limit
    // filler so the class is one line over the limit
    // filler so the class is one line over the limit
    // filler so the class is one line over the limit
    // filler so the class is one line over the limit
    // filler so the class is one line over the limit
    // filler so the class is one line over the limit
    // filler so the class is one line over the limit
    // filler so the class is one line over the limit
    // filler so the class is one line over the limit
    // filler so the class is one line over the limit
    // filler so the class is one line over the limit
    // filler so the class is one line over the limit
    // filler so the class is one line over the limit
    // filler so the class is one line over the limit
    // filler so the class is one line over the limit
    // filler so the class is one line over the limit
    // filler so the class is one line over the limit
    // filler so the class is one line over the limit
    // filler so the class is one line over the limit
    // filler so the class is one line over the limit
    // filler so the class is one line over the limit
    // filler so the class is one line over the limit
    // filler so the class is one line over the limit
    // filler so the class is one line over the limit
    // filler so the class is one line over the limit
    // filler so the class is one line over the limit
    // filler so the class is one line over the limit
    // filler so the class is one line over the limit
    // filler so the class is one line over the limit
    // filler so the class is one line over the limit
    // filler so the class is one line over the limit
    // filler so the class is one line over the limit
    // filler so the class is one line over the limit
    // filler so the class is one line over the limit
    // filler so the class is one line over the limit
    // filler so the class is one line over the limit
    // filler so the class is one line over the limit
    // filler so the class is one line over the limit
    // filler so the class is one line over the limit
    // filler so the class is one line over the limit
    // filler so the class is one line over the limit
    // filler so the class is one line over the limit
    // filler so the class is one line over the limit
    // filler so the class is one line over the limit
    // filler so the class is one line over the limit
    // filler so the class is one line over the limit
    // filler so the class is one line over the limit
    // filler so the class is one line over the limit
    // filler so the class is one line over the limit
    // filler so the class is one line over the limit
    // filler so the class is one line over the limit
    // filler so the class is one line over the limit
    // filler so the class is one line over the limit
    // filler so the class is one line over the limit
    // filler so the class is one line over the limit
    // filler so the class is one line over the limit
    // filler so the class is one line over the limit
    // filler so the class is one line over the limit
    // filler so the class is one line over the limit
    // filler so the class is one line over the limit
    // filler so the class is one line over the limit
    // filler so the class is one line over the limit
    // filler so the class is one line over the limit
    // filler so the class is one line over the limit
    // filler so the class is one line over the limit
    // filler so the class is one line over the limit
    // filler so the class is one line over the limit
    // filler so the class is one line over the limit
    // filler so the class is one line over the limit
    // filler so the class is one line over the limit
    // filler so the class is one line over the limit
    // filler so the class is one line over the limit
    // filler so the class is one line over the limit
    // filler so the class is one line over the limit
    // filler so the class is one line over the limit
    // filler so the class is one line over the limit
    // filler so the class is one line over the limit
    // filler so the class is one line over the limit
    // filler so the class is one line over the limit
    // filler so the class is one line over the limit
    // filler so the class is one line over the limit
    // filler so the class is one line over the limit
    // filler so the class is one line over the limit
    // filler so the class is one line over the limit
    // filler so the class is one line over the limit
    // filler so the class is one line over the limit
    // filler so the class is one line over the limit
}
