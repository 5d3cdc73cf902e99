"""The rule 农户清洁取暖补助 of policies/001 as a tiny OpenFisca tax-benefit system, run on a
roster, for the `calc` group of benches/perf.rs (docs/performance.md).

    python3 benches/openfisca_calc.py ROSTER.csv

The roster is the CSV the bench writes: 户号,乡镇,农户清洁取暖费用（元）. The rule: a cost under
6000元 gets 80% of it; any other cost 5300元 (中央3500元 + 地方1800元). OpenFisca's `float`
variables are numpy float32. Prints one line of JSON: the seconds spent reading the roster and
computing, and the total both as float32 arithmetic gives it (numpy's sum) and as the exact
decimal sum of the float32 grants OpenFisca gave each household.
"""

import csv
import json
import sys
import time
from decimal import Decimal

import numpy
from openfisca_core.entities import build_entity
from openfisca_core.periods import DateUnit
from openfisca_core.simulation_builder import SimulationBuilder
from openfisca_core.taxbenefitsystems import TaxBenefitSystem
from openfisca_core.variables import Variable

Household = build_entity(key="household", plural="households", label="农户", is_person=True)


class heating_cost(Variable):
    value_type = float
    entity = Household
    definition_period = DateUnit.YEAR
    label = "农户清洁取暖费用（元）"


class heating_subsidy(Variable):
    value_type = float
    entity = Household
    definition_period = DateUnit.YEAR
    label = "农户清洁取暖补助（元）"

    def formula(household, period):
        cost = household("heating_cost", period)
        return numpy.where(cost < 6000, cost * 0.8, 3500 + 1800)


def main():
    start = time.perf_counter()
    with open(sys.argv[1], encoding="utf-8-sig", newline="") as f:
        rows = csv.reader(f)
        next(rows)
        costs = numpy.array([float(r[2]) for r in rows], dtype=numpy.float32)
    read = time.perf_counter() - start
    start = time.perf_counter()
    system = TaxBenefitSystem([Household])
    system.add_variables(heating_cost, heating_subsidy)
    sim = SimulationBuilder().build_default_simulation(system, count=len(costs))
    sim.set_input("heating_cost", "2024", costs)
    grants = sim.calculate("heating_subsidy", "2024")
    computed = time.perf_counter() - start
    exact = sum((Decimal(float(g)) for g in grants), Decimal(0))
    print(json.dumps({
        "households": len(costs),
        "read_s": read,
        "compute_s": computed,
        "dtype": str(grants.dtype),
        "total_float32_sum": repr(float(grants.sum())),
        "total_of_float32_grants": str(exact),
    }))


main()
