package org.reasonbrain.data.world;

/**
 * The scene's backdrop. {@code setting} decides what is drawn (sky and ground outdoors, a wall and a
 * table or floor indoors); time of day, season and weather change colours and add sun, moon, clouds,
 * rain, snow and puddles. {@code sunX} is where the sun or moon stands (fraction of the width).
 */
public record Background(Setting setting, TimeOfDay time, Season season, Weather weather, double sunX,
    int tint) {

  /** Where the scene takes place. */
  public enum Setting { OUTDOOR, TABLE, ROOM, WATER_TANK }

  /** Time of day: changes the sky. */
  public enum TimeOfDay { DAY, SUNSET, NIGHT, DAWN }

  /** Season: changes the ground. */
  public enum Season { SUMMER, AUTUMN, WINTER, SPRING }

  /** Weather: adds clouds, rain, puddles. */
  public enum Weather { CLEAR, RAIN, WET }

  public Background withTime(TimeOfDay t) {
    return new Background(setting, t, season, weather, sunX, tint);
  }

  public Background withSeason(Season s) {
    return new Background(setting, time, s, weather, sunX, tint);
  }

  public Background withWeather(Weather w) {
    return new Background(setting, time, season, w, sunX, tint);
  }
}
