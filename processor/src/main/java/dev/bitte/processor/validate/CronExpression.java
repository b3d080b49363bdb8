package dev.bitte.processor.validate;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks the cron syntax Nomad accepts for {@code periodic.crons} (hashicorp/cronexpr, a fork of
 * gorhill/cronexpr): five fields {@code minute hour day-of-month month day-of-week}, six (a year
 * appended) or seven (seconds first, year last), or one of {@code @yearly @annually @monthly
 * @weekly @daily @hourly}. A field is {@code *}, {@code ?} (days only), a value, a range
 * {@code a-b}, any of those with a step {@code /n}, or a comma list; months and days may be
 * named ({@code JAN}, {@code MON}); day-of-month allows {@code L}, {@code nW}, {@code LW};
 * day-of-week allows {@code nL} and {@code n#k}.
 */
public final class CronExpression {
  private static final Set<String> SHORTCUTS = Set.of("@yearly", "@annually", "@monthly", "@weekly", "@daily", "@hourly");
  private static final List<String> MONTHS = List.of("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC");
  private static final List<String> DAYS = List.of("SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT");
  private static final Pattern TERM = Pattern.compile("(\\*|\\?|[A-Za-z0-9]+)(?:-([A-Za-z0-9]+))?(?:/(\\d+))?");

  private enum Field {
    SECOND(0, 59), MINUTE(0, 59), HOUR(0, 23), DAY_OF_MONTH(1, 31), MONTH(1, 12), DAY_OF_WEEK(0, 7), YEAR(1970, 2099);

    final int min;
    final int max;

    Field(int min, int max) {
      this.min = min;
      this.max = max;
    }
  }

  private CronExpression() {}

  /** Null when {@code text} is a valid expression, else what is wrong with it. */
  public static String problem(String text) {
    String t = text.trim();
    if (SHORTCUTS.contains(t.toLowerCase(Locale.ROOT))) {
      return null;
    }
    if (t.startsWith("@")) {
      return "unknown shortcut \"" + t + "\" (use one of @yearly, @monthly, @weekly, @daily, @hourly)";
    }
    String[] parts = t.split("\\s+");
    List<Field> fields = switch (parts.length) {
      case 5 -> List.of(Field.MINUTE, Field.HOUR, Field.DAY_OF_MONTH, Field.MONTH, Field.DAY_OF_WEEK);
      case 6 -> List.of(Field.MINUTE, Field.HOUR, Field.DAY_OF_MONTH, Field.MONTH, Field.DAY_OF_WEEK, Field.YEAR);
      case 7 -> List.of(Field.SECOND, Field.MINUTE, Field.HOUR, Field.DAY_OF_MONTH, Field.MONTH, Field.DAY_OF_WEEK, Field.YEAR);
      default -> null;
    };
    if (fields == null) {
      return "it has " + parts.length + " fields, not 5 (minute hour day-of-month month day-of-week), 6 (plus year) or 7 (seconds first)";
    }
    for (int i = 0; i < parts.length; i++) {
      String p = field(parts[i], fields.get(i));
      if (p != null) {
        return "field " + (i + 1) + " (" + fields.get(i).name().toLowerCase(Locale.ROOT).replace('_', '-') + ") \"" + parts[i] + "\": " + p;
      }
    }
    return null;
  }

  private static String field(String text, Field f) {
    for (String term : text.split(",", -1)) {
      String upper = term.toUpperCase(Locale.ROOT);
      if (f == Field.DAY_OF_MONTH && (upper.equals("L") || upper.equals("LW") || upper.matches("\\d{1,2}W"))) {
        if (upper.endsWith("W") && !upper.startsWith("L") && !inRange(upper.substring(0, upper.length() - 1), f)) {
          return "day " + upper + " is outside 1-31";
        }
        continue;
      }
      if (f == Field.DAY_OF_WEEK && upper.matches("[0-7]L|[0-7]#[1-5]|[A-Z]{3}L|[A-Z]{3}#[1-5]")) {
        String day = upper.replaceAll("(L|#[1-5])$", "");
        if (value(day, f) < 0) {
          return "unknown day \"" + day + "\"";
        }
        continue;
      }
      Matcher m = TERM.matcher(upper);
      if (!m.matches()) {
        return "\"" + term + "\" is not a value, a range a-b, * or a step /n";
      }
      String start = m.group(1);
      if (start.equals("?") && f != Field.DAY_OF_MONTH && f != Field.DAY_OF_WEEK) {
        return "? is only allowed for days";
      }
      boolean wildcard = start.equals("*") || start.equals("?");
      if (wildcard && m.group(2) != null) {
        return "a range cannot start with " + start;
      }
      if (!wildcard && value(start, f) < 0) {
        return "\"" + start + "\" is outside " + f.min + "-" + f.max;
      }
      if (m.group(2) != null) {
        if (value(m.group(2), f) < 0) {
          return "\"" + m.group(2) + "\" is outside " + f.min + "-" + f.max;
        }
        if (value(m.group(2), f) < value(start, f)) {
          return "range " + start + "-" + m.group(2) + " runs backwards";
        }
      }
      if (m.group(3) != null) {
        int step = Integer.parseInt(m.group(3).length() > 6 ? "0" : m.group(3));
        if (step < 1 || step > f.max) {
          return "step /" + m.group(3) + " is outside 1-" + f.max;
        }
      }
    }
    return null;
  }

  private static boolean inRange(String number, Field f) {
    return value(number, f) >= 0;
  }

  /** The value of a number or name in the field, or -1. */
  private static int value(String token, Field f) {
    if (token.matches("\\d{1,4}")) {
      int v = Integer.parseInt(token);
      return v >= f.min && v <= f.max ? v : -1;
    }
    if (f == Field.MONTH && MONTHS.contains(token)) {
      return MONTHS.indexOf(token) + 1;
    }
    if (f == Field.DAY_OF_WEEK && DAYS.contains(token)) {
      return DAYS.indexOf(token);
    }
    return -1;
  }
}
