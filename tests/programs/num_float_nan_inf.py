# NaN and infinity: comparisons, arithmetic, containers.
nan = float("nan")
inf = float("inf")
print(nan == nan, nan != nan, nan < 1, nan > 1, nan <= nan, nan >= 0, 1 < nan, 1 == nan, 10**400 > nan, nan == 10**400)
print(inf == inf, inf > 1e308, -inf < -1e308, inf > 10**400, -inf < -10**400, inf == 10**400, inf - inf, inf * 0, 0 * -inf)
print(nan is nan, [nan] == [nan], nan in [nan], (nan,) == (nan,), {nan: 1}.get(nan), max(1, nan), min(nan, 1))
print(inf + 1, -inf - 1, inf / 10**400 if False else inf / 2, 1 / inf, -1 / inf, inf ** 0, nan ** 0, 1 ** nan)
print(float("nan") != float("nan"), sorted([3.0, inf, -inf, 0.0]), abs(-inf), -nan == -nan)
print(repr(inf), repr(-inf), repr(nan), str(-nan), float("-inf") < float("inf"))
